import Foundation
import Testing

/// Avro through the command line: pipelines with fromAvro, toAvro, toAvroSchema and
/// evolveAvroSchema, checked against fastavro and the Apache avro package.
@Suite struct AvroCommandTests {
    static let codecs = ["uncompressed", "snappy", "deflate", "zstandard", "bzip2", "xz"]

    /// Runs `Tests/Avro/avro_interop.py` (python3 with fastavro and avro: scripts/install-test-deps).
    static func python(_ arguments: String...) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", SluiceProcess.packageRoot.appendingPathComponent("Tests/Avro/avro_interop.py").path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "avro_interop.py \(arguments.joined(separator: " ")) failed: run scripts/install-test-deps")
        return data
    }

    /// The records of an Avro file as each reference library reads them (nil: the library lacks the codec).
    static func referenceRead(_ path: String) throws -> [String: [[String: Any]]?] {
        let object = try JSONSerialization.jsonObject(with: try python("read", path)) as? [String: Any] ?? [:]
        return object.mapValues { $0 as? [[String: Any]] }
    }

    /// Whether two JSON values are equal (numbers by value).
    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil), (is NSNull, nil), (nil, is NSNull), (is NSNull, is NSNull): return true
        case (let x as String, let y as String): return x == y
        case (let x as NSNumber, let y as NSNumber): return x == y
        case (let x as [String: Any], let y as [String: Any]): return Set(x.keys).union(y.keys).allSatisfy { same(x[$0], y[$0]) }
        default: return false
        }
    }

    /// A CSV of every column type Sluice infers, with nulls, and the raw Avro values each row
    /// should become (dates as days, timestamps as microseconds).
    static func orders(rows: Int) -> (csv: String, expected: [[String: Any]]) {
        var random = SystemRandomNumberGenerator()
        var lines = ["id,flag,big,amount,name,day,at"]
        var expected: [[String: Any]] = []
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        for id in 0..<rows {
            let flag = Bool.random(using: &random)
            let big = Int64.random(in: 5_000_000_000...Int64.max, using: &random) * (id % 2 == 0 ? 1 : -1)
            let amount = Double(Int.random(in: -100_000...100_000, using: &random)) / 8
            let name: String? = id % 5 == 2 ? nil : ["plain", "with, comma", "quote \"q\"", "ünïcødé 😀"][id % 4]
            let days = Int.random(in: 0...40_000, using: &random)
            let seconds = Int64.random(in: 0...4_000_000_000, using: &random)
            let micros = Int.random(in: 0..<1_000_000, using: &random)
            let day = formatter.string(from: Date(timeIntervalSince1970: Double(days) * 86_400)).prefix(10)
            let at = formatter.string(from: Date(timeIntervalSince1970: Double(seconds))) + String(format: ".%06d", micros)
            let quoted = name.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } ?? ""
            lines.append("\(id),\(flag),\(big),\(amount),\(quoted),\(id % 3 == 1 ? "" : String(day)),\(at)")
            var record: [String: Any] = ["id": id, "flag": flag, "big": big, "amount": amount, "at": seconds * 1_000_000 + Int64(micros)]
            record["name"] = name
            record["day"] = id % 3 == 1 ? nil : days
            expected.append(record)
        }
        // Through JSON, so values compare as the reference output's do (booleans and numbers as NSNumber).
        let json = (try? JSONSerialization.data(withJSONObject: expected)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
        return (lines.joined(separator: "\n") + "\n", json as? [[String: Any]] ?? [])
    }

    @Test(arguments: codecs)
    func filesToAvroWritesAreReadByBothReferenceLibraries(codec: String) throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let (csv, expected) = Self.orders(rows: 300)
        try sluice.write("in/orders.csv", csv)
        try sluice.write("p.json", """
            {"name": "to_avro", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in/orders.csv", "format": "csv"}},
              {"type": "load", "method": "toAvro", "config": {"path": "out/orders", "compression": "\(codec)"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(sluice.list("out/orders") == ["_SUCCESS", "part-00000.avro"])
        Self.expect(try Self.referenceRead(sluice.path("out/orders/part-00000.avro")), equal: expected, codec: codec)
    }

    /// Checks that both libraries read `expected` (the avro package has no xz codec).
    static func expect(_ read: [String: [[String: Any]]?], equal expected: [[String: Any]], codec: String) {
        for library in ["fastavro", "avro"] {
            guard let records = read[library] ?? nil else {
                #expect(library == "avro" && codec == "xz", "\(library) could not read \(codec)")
                continue
            }
            #expect(records.count == expected.count, "\(library) \(codec)")
            for (record, want) in zip(records, expected) where !same(record, want) {
                Issue.record("\(library) \(codec): read \(record), expected \(want)")
                break
            }
        }
    }

    @Test func filesTheReferenceLibrariesWriteAreReadAndWrittenBackWithTheSameValues() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        _ = try Self.python("write", sluice.directory.path, "--rows", "120", "--seed", "3")
        let manifest = try JSONSerialization.jsonObject(with: try Data(contentsOf: sluice.directory.appendingPathComponent("manifest.json"))) as? [String: Any]
        let files = (manifest?["files"] as? [[String: String]] ?? []).filter { $0["kind"] == "engine" }
        let source = (manifest?["records"] as? [String: Any])?["engine"] as? [[String: Any]] ?? []
        #expect(files.count == 11, "fastavro's six codecs and the avro package's five")
        // What Sluice writes back: times in microseconds, timestamps as timestamp-micros.
        let expected = source.map { record -> [String: Any] in
            var record = record
            for key in ["tms", "tsms", "ltsms"] { record[key] = (record[key] as? NSNumber).map { $0.int64Value * 1000 } }
            return record
        }
        for file in files {
            let name = file["file"]!
            try sluice.write("p.json", """
                {"name": "round_trip", "steps": [
                  {"type": "extract", "method": "fromAvro", "config": {"path": "\(name)"}},
                  {"type": "load", "method": "toAvro", "config": {"path": "out/\(name)", "compression": "deflate"}}]}
                """)
            let result = try sluice.run("run", "p.json")
            #expect(result.status == 0, "\(name): \(result.stderr)")
            Self.expect(try Self.referenceRead(sluice.path("out/\(name)/part-00000.avro")), equal: expected, codec: "deflate")
        }
    }

    @Test func aReadersSchemaEvolvesTheFilesAndAnIncompatibleOneNamesTheFieldAndRule() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "write", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "load", "method": "toAvro", "config": {"path": "out/v1"}}]}
            """)
        #expect(try sluice.run("run", "p.json").status == 0)
        try sluice.write("p.json", """
            {"name": "evolve", "steps": [
              {"type": "extract", "method": "fromAvro", "config": {"path": "out/v1", "avroSchema": {
                "type": "record", "name": "topLevelRecord", "fields": [
                  {"name": "order_id", "type": ["null", "long"]}, {"name": "amount", "type": ["null", "double"]},
                  {"name": "channel", "type": "string", "default": "web"}]}}},
              {"type": "load", "method": "toFile", "config": {"path": "out/v2", "format": "json"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try sluice.read("out/v2/part-00000.json").split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.first == #"{"order_id":1001,"amount":42.5,"channel":"web"}"#)
        try sluice.write("bad.json", """
            {"name": "incompatible", "steps": [
              {"type": "extract", "method": "fromAvro", "config": {"path": "out/v1", "avroSchema": "{\\"type\\": \\"record\\", \\"name\\": \\"topLevelRecord\\", \\"fields\\": [{\\"name\\": \\"category\\", \\"type\\": \\"int\\"}]}"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/bad", "format": "json"}}]}
            """)
        let bad = try sluice.run("run", "bad.json")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("field 'category'") && bad.stderr.contains("rule: types must be equal or promotable"), "\(bad.stderr)")
    }

    @Test func toAvroSchemaDescribesTheDatasetAndEvolveAvroSchemaConformsIt() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "schemas", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv", "registerAs": "orders"}},
              {"type": "transform", "method": "toAvroSchema", "config": {"namespace": "com.acme", "name": "Order"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/schema", "format": "json"}},
              {"type": "transform", "method": "evolveAvroSchema", "config": {"inputDataFrames": ["orders"], "targetSchema": {
                "type": "record", "name": "Order", "fields": [
                  {"name": "ORDER_ID", "type": "long"}, {"name": "price", "aliases": ["amount"], "type": ["null", "double"]},
                  {"name": "channel", "type": "string", "default": "web"}, {"name": "coupon", "type": ["null", "string"], "default": null}]}}},
              {"type": "load", "method": "toAvro", "config": {"path": "out/evolved", "compression": "uncompressed"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "\(result.stderr)")
        let row = try JSONSerialization.jsonObject(with: Data(try sluice.read("out/schema/part-00000.json").utf8)) as? [String: String]
        #expect(row?["name"] == "com.acme.Order")
        #expect(row?["canonicalForm"]?.hasPrefix(#"{"name":"com.acme.Order","type":"record","fields":[{"name":"order_id","type":["null","int"]}"#) == true)
        #expect(row?["fingerprint"]?.count == 16)
        let records = (try Self.referenceRead(sluice.path("out/evolved/part-00000.avro"))["fastavro"] ?? nil) ?? []
        #expect(records.count == 12)
        #expect(Self.same(records.first, ["ORDER_ID": 1001, "price": 42.5, "channel": "web", "coupon": NSNull()]))
        #expect(Self.same(records[6], ["ORDER_ID": 1007, "price": NSNull(), "channel": "web", "coupon": NSNull()]))
    }

    @Test func fromFileAndToFileSpeakAvro() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "file_avro", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/a", "format": "avro"}}]}
            """)
        #expect(try sluice.run("run", "p.json").status == 0)
        try sluice.write("p.json", """
            {"name": "file_avro_back", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "out/a", "format": "avro"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/b", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(sluice.list("out/a") == ["_SUCCESS", "part-00000.avro"])
        let csv = try sluice.read("out/b/part-00000.csv").split(separator: "\n")
        #expect(csv.count == 13 && csv[1].hasPrefix("1001,17,books,completed,42.5,2,2025-01-03T09:15:00Z"))
    }

    @Test func validateReportsEveryAvroConfigProblemWhereItIsWritten() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("v.json", """
            {"name": "v", "steps": [
              {"type": "extract", "method": "fromAvro", "config": {"path": "in", "avroSchema": {"type": "record", "name": "r", "fields": [{"name": "a", "type": "strin"}]}}},
              {"type": "transform", "method": "evolveAvroSchema", "config": {"targetSchema": {"type": "record", "name": "r", "fields": [{"name": "b", "type": {"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"]}]}}]}}},
              {"type": "transform", "method": "toAvroSchema", "config": {"nam": "x"}},
              {"type": "load", "method": "toAvro", "config": {"path": "out", "compression": "lz4"}}]}
            """)
        let result = try sluice.run("validate", "v.json")
        #expect(result.status == 2)
        let text = result.stdout + result.stderr
        #expect(text.contains("v.json:2:") && text.contains("unknown type 'strin'") && text.contains("$.steps[0].config.avroSchema"), "\(text)")
        #expect(text.contains("field 'b' has Avro type record Node") && text.contains("[unsupported]"), "\(text)")
        #expect(text.contains("'toAvroSchema' has no config key 'nam'") && text.contains("did you mean 'name'?"))
        #expect(text.contains("'compression' must be one of") && text.contains("got 'lz4'"))
    }

    @Test func theAvroExampleRuns() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let result = try sluice.run("run", "examples/avro.json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(sluice.list("out/orders_avro").count == 7, "six days and _SUCCESS")
        let schema = try JSONSerialization.jsonObject(with: Data(try sluice.read("out/orders_avro_schema/part-00000.json").utf8)) as? [String: String]
        #expect(schema?["name"] == "com.example.sales.Order")
        let records = (try Self.referenceRead(sluice.path("out/orders_avro/date=2025-01-03/part-00000.avro"))["avro"] ?? nil) ?? []
        #expect(records.map { $0["order_id"] as? Int } == [1001, 1002, 1003])
    }

    @Test func partitionByWritesHiveDirectoriesThatFromAvroReadsBack() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "partitioned", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "transform", "method": "enrichData", "config": {"columns": {"date": "to_date(order_ts)", "note": "CASE WHEN order_id = 1005 THEN 'a/b: c' END"}}},
              {"type": "load", "method": "toAvro", "config": {"path": "out/avro/", "compression": "snappy", "partitionBy": ["date", "note"]}}]}
            """)
        let written = try sluice.run("run", "p.json")
        #expect(written.status == 0, "\(written.stderr)")
        #expect(sluice.list("out/avro") == ["_SUCCESS", "date=2025-01-03", "date=2025-01-04", "date=2025-01-05", "date=2025-01-06", "date=2025-01-07", "date=2025-01-08"])
        #expect(sluice.list("out/avro/date=2025-01-04") == ["note=__HIVE_DEFAULT_PARTITION__", "note=a%2Fb%3A c"])
        // The files hold the other columns only, and the reference libraries read them.
        let partition = "out/avro/date=2025-01-04/note=a%2Fb%3A c"
        let part = try #require(sluice.list(partition).first { $0.hasSuffix(".avro") })
        let records = (try Self.referenceRead(sluice.path(partition + "/" + part))["fastavro"] ?? nil) ?? []
        #expect(records.count == 1 && records.first?["order_id"] as? Int == 1005 && records.first?["date"] == nil)
        try sluice.write("back.json", """
            {"name": "partitioned_back", "steps": [
              {"type": "extract", "method": "fromAvro", "config": {"path": "out/avro"}},
              {"type": "transform", "method": "sortData", "config": {"columns": ["order_id"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out/back", "format": "csv"}}]}
            """)
        let back = try sluice.run("run", "back.json")
        #expect(back.status == 0, "\(back.stderr)")
        let csv = try sluice.read("out/back/part-00000.csv").split(separator: "\n")
        #expect(csv.first == "order_id,customer_id,category,status,amount,quantity,order_ts,date,note")
        #expect(csv.count == 13)
        #expect(csv[5] == "1005,8,\"toys, games\",completed,59.9,2,2025-01-04T14:22:05Z,2025-01-04,a/b: c")
        #expect(csv[1] == "1001,17,books,completed,42.5,2,2025-01-03T09:15:00Z,2025-01-03,")
    }

    @Test func aColumnWithoutAnEngineTypeFailsOnlyWhenUsed() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        _ = try Self.python("write", sluice.directory.path, "--rows", "5", "--seed", "8")
        try sluice.write("ok.json", """
            {"name": "ok", "steps": [
              {"type": "extract", "method": "fromAvro", "config": {"path": "all-fastavro-null.avro"}},
              {"type": "transform", "method": "selectColumns", "config": {"columns": ["i", "s", "day", "tsms"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out/ok", "format": "json"}}]}
            """)
        let ok = try sluice.run("run", "ok.json")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try sluice.read("out/ok/part-00000.json").split(separator: "\n").count == 5)
        try sluice.write("bad.json", """
            {"name": "bad", "steps": [
              {"type": "extract", "method": "fromAvro", "config": {"path": "all-fastavro-null.avro"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/bad", "format": "json"}}]}
            """)
        let bad = try sluice.run("run", "bad.json")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("column 'r' has Avro type record org.sluice.test.Inner") && bad.stderr.contains("[unsupported]"), "\(bad.stderr)")
    }
}
