import Foundation
import Testing

/// Delta tables with the engine's exact and narrow types, checked against delta-rs.
@Suite struct DeltaTypesCommandTests {
    @Test func deltaRsReadsDecimalsBinaryNarrowTypesAndTimestampsWithoutZone() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("in.csv", """
            id,tiny,short,f,price,huge,blob,local
            1,-5,300,1.5,19.99,123456789012345678901234567890.123456,AAEC,2024-01-02T03:04:05
            2,127,-32768,-0.25,-0.05,-0.000001,"",1969-12-31T23:59:59.5
            3,,,,,,,

            """)
        try sluice.write("w.json", """
            {"name": "delta_types", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in.csv", "format": "csv",
               "schema": "id BIGINT, tiny TINYINT, short SMALLINT, f FLOAT, price DECIMAL(10,2), huge DECIMAL(38,6), blob BINARY, local TIMESTAMP_NTZ"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t"}}]}
            """)
        let write = try sluice.run("run", "w.json")
        #expect(write.status == 0, "\(write.stderr)")
        // A TIMESTAMP_NTZ column needs the timestampNtz table feature.
        let log = try sluice.read("lake/t/_delta_log/00000000000000000000.json")
        #expect(log.contains("\"minReaderVersion\":3") && log.contains("\"readerFeatures\":[\"timestampNtz\"]"), "\(log)")
        let read = try DeltaCommandTests.python("read", sluice.path("lake/t")) as! [String: Any]
        #expect(read["columns"] as? [String] == ["blob", "f", "huge", "id", "local", "price", "short", "tiny"])
        let rows = (read["rows"] as! [[Any]]).map { $0.map { $0 is NSNull ? "null" : "\($0)" } }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0[3], $0) })
        #expect(byID["1"] == ["000102", "1.5", "123456789012345678901234567890.123456", "1", "1704164645000000", "19.99", "300", "-5"])
        #expect(byID["2"] == ["", "-0.25", "-0.000001", "2", "-500000", "-0.05", "-32768", "127"])
        #expect(byID["3"] == ["null", "null", "null", "3", "null", "null", "null", "null"])
        // Sluice reads its table back with the same types and values.
        try sluice.write("r.json", """
            {"name": "delta_back", "steps": [
              {"type": "extract", "method": "fromDeltaLake", "config": {"path": "lake/t"}},
              {"type": "transform", "method": "sortData", "config": {"columns": ["id"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out", "format": "csv"}}]}
            """)
        let back = try sluice.run("run", "r.json")
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try sluice.read("out/part-00000.csv") == """
            id,tiny,short,f,price,huge,blob,local
            1,-5,300,1.5,19.99,123456789012345678901234567890.123456,AAEC,2024-01-02T03:04:05
            2,127,-32768,-0.25,-0.05,-0.000001,"",1969-12-31T23:59:59.5
            3,,,,,,,

            """)
    }
}

extension DeltaTypesCommandTests {
    /// Runs a Python snippet (pyarrow) with `arguments`; fails the test when it fails.
    static func python(_ script: String, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }

    @Test func nestedColumnsGoFromParquetIntoDeltaAndBack() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try Self.python("""
            import sys, pyarrow as pa, pyarrow.parquet as pq
            point = pa.struct([("x", pa.int32()), ("tags", pa.list_(pa.string()))])
            pq.write_table(pa.table({
                "id": pa.array([1, 2, 3], pa.int64()),
                "point": pa.array([{"x": 1, "tags": ["a", None]}, None, {"x": None, "tags": []}], point),
                "attrs": pa.array([[("k", 1)], [], None], pa.map_(pa.string(), pa.int64())),
            }), sys.argv[1])
            """, sluice.path("in.parquet"))
        try sluice.write("w.json", """
            {"name": "nested_delta", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in.parquet", "format": "parquet"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/n"}}]}
            """)
        let write = try sluice.run("run", "w.json")
        #expect(write.status == 0, "\(write.stderr)")
        let log = try sluice.read("lake/n/_delta_log/00000000000000000000.json")
        #expect(log.contains(#"{\"name\":\"point\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"integer\""#), "\(log)")
        let read = try DeltaCommandTests.python("read", sluice.path("lake/n")) as! [String: Any]
        #expect(read["columns"] as? [String] == ["attrs", "id", "point"])
        let rows = try JSONSerialization.data(withJSONObject: read["rows"]!, options: [.sortedKeys])
        #expect(String(decoding: rows, as: UTF8.self)
                == #"[[[["k",1]],1,{"tags":["a",null],"x":1}],[[],2,null],[null,3,{"tags":[],"x":null}]]"#)
        try sluice.write("r.json", """
            {"name": "nested_back", "steps": [
              {"type": "extract", "method": "fromDeltaLake", "config": {"path": "lake/n"}},
              {"type": "transform", "method": "sortData", "config": {"columns": ["id"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out", "format": "json"}}]}
            """)
        let back = try sluice.run("run", "r.json")
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try sluice.read("out/part-00000.json") == """
            {"id":1,"point":{"x":1,"tags":["a",null]},"attrs":{"k":1}}
            {"id":2,"attrs":{}}
            {"id":3,"point":{"tags":[]}}

            """)
    }
}
