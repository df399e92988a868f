import Foundation
import Testing

/// `repartition`, `repartitionByColumns` and `coalesce` set how many files the next write makes.
@Suite struct RepartitionCommandTests {
    static func run(_ sluice: SluiceProcess, shape: String, load: String = #""path": "out", "format": "csv""#) throws {
        let rows = (0..<10_000).map { "\($0),k\($0 % 7),\($0 % 3 == 0 ? "a" : "b")" }
        try sluice.write("in.csv", "id,key,part\n" + rows.joined(separator: "\n") + "\n")
        try sluice.write("p.json", """
            {"name": "shape", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in.csv", "format": "csv"}},
              \(shape),
              {"type": "transform", "method": "filterRows", "config": {"condition": "id >= 0"}},
              {"type": "load", "method": "toFile", "config": {\(load)}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// The data rows of every part file below `directory`, by file.
    static func parts(_ sluice: SluiceProcess, _ directory: String) throws -> [[Substring]] {
        try sluice.list(directory).filter { $0.hasPrefix("part-") }.map { name in
            try sluice.read("\(directory)/\(name)").split(separator: "\n").dropFirst().map { $0 }
        }
    }

    @Test func repartitionDealsRowsIntoExactlyThatManyFiles() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try Self.run(sluice, shape: #"{"type": "transform", "method": "repartition", "config": {"numPartitions": 4}}"#)
        let files = try Self.parts(sluice, "out")
        #expect(files.map(\.count) == [2500, 2500, 2500, 2500])
        #expect(Set(files.joined().map { $0.split(separator: ",")[0] }).count == 10_000)
    }

    @Test func repartitionByColumnsKeepsEachValueInOneFile() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try Self.run(sluice, shape: #"{"type": "transform", "method": "repartitionByColumns", "config": {"columns": ["key"], "numPartitions": 3}}"#,
                     load: #""path": "out", "format": "csv", "partitionBy": ["part"]"#)
        for directory in ["out/part=a", "out/part=b"] {
            let files = try Self.parts(sluice, directory)
            #expect(files.count <= 3 && !files.isEmpty)
            let keysPerFile = files.map { Set($0.map { $0.split(separator: ",")[1] }) }
            for (index, keys) in keysPerFile.enumerated() {
                for other in keysPerFile[(index + 1)...] { #expect(keys.isDisjoint(with: other), "\(directory): a key in two files") }
            }
            #expect(keysPerFile.reduce(0) { $0 + $1.count } == 7)
        }
    }

    @Test func coalesceOneWritesOneFileWhateverTheTargetSize() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try Self.run(sluice, shape: #"{"type": "transform", "method": "coalesce", "config": {"numPartitions": 1}}"#,
                     load: #""path": "out", "format": "parquet", "targetFileSize": "1KB""#)
        #expect(sluice.list("out").filter { $0.hasPrefix("part-") }.count == 1)
        let explain = try sluice.run("explain", "p.json")
        #expect(explain.stdout.contains("at most 1 files"), "\(explain.stdout)")
        try sluice.write("bad.json", """
            {"name": "bad", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in.csv", "format": "csv"}},
              {"type": "transform", "method": "coalesce", "config": {"numPartitions": 0}},
              {"type": "load", "method": "toFile", "config": {"path": "out2", "format": "csv"}}]}
            """)
        let bad = try sluice.run("validate", "bad.json")
        #expect(bad.status == 2 && (bad.stdout + bad.stderr).contains("numPartitions must be between 1 and 100000"), "\(bad.stdout)\(bad.stderr)")
    }
}

extension RepartitionCommandTests {
    @Test func repartitionShapesDeltaDataFilesToo() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try Self.run(sluice, shape: #"{"type": "transform", "method": "repartition", "config": {"numPartitions": 3}}"#)
        try sluice.write("d.json", """
            {"name": "delta_shape", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in.csv", "format": "csv"}},
              {"type": "transform", "method": "repartition", "config": {"numPartitions": 3}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "partitionBy": ["part"]}}]}
            """)
        let result = try sluice.run("run", "d.json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(sluice.list("lake/t/part=a").filter { $0.hasSuffix(".parquet") }.count == 3)
        #expect(sluice.list("lake/t/part=b").filter { $0.hasSuffix(".parquet") }.count == 3)
    }
}
