import Foundation
import Testing

/// Delta writes that are retried or killed: exactly-once `txn` versions, and a writer killed
/// between its data files and its commit.
@Suite struct DeltaRecoveryCommandTests {
    @Test func aRepeatedTransactionVersionWritesNothing() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("batch.csv", DeltaCommandTests.csv(from: 0, count: 50, part: "a"))
        func write(version: Int) throws -> Int32 {
            try sluice.write("w.json", """
                {"name": "stream", "steps": [
                  {"type": "extract", "method": "fromFile", "config": {"path": "batch.csv", "format": "csv"}},
                  {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "append", "txnAppId": "stream-1", "txnVersion": \(version)}}]}
                """)
            return try sluice.run("run", "w.json").status
        }
        #expect(try write(version: 0) == 0)
        #expect(try write(version: 0) == 0)  // a retry of batch 0
        #expect(try write(version: 1) == 0)
        let read = try DeltaCommandTests.python("read", sluice.path("lake/t")) as! [String: Any]
        #expect((read["rows"] as! [[Any]]).count == 100)
        #expect(read["version"] as? Int == 1)
        #expect(try sluice.read("lake/t/_delta_log/00000000000000000001.json").contains("\"txn\":{\"appId\":\"stream-1\",\"version\":1"))
    }

    @Test func aWriterKilledBeforeItsCommitLeavesThePreviousVersion() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("small.csv", DeltaCommandTests.csv(from: 0, count: 20, part: "a"))
        try sluice.write("first.json", """
            {"name": "first", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "small.csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "partitionBy": ["part"]}}]}
            """)
        #expect(try sluice.run("run", "first.json").status == 0)
        let before = Set(Self.dataFiles(sluice.path("lake/t")))
        try sluice.write("big.csv", DeltaCommandTests.csv(from: 1000, count: 400_000, part: "b"))
        try sluice.write("big.json", """
            {"name": "big", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "big.csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "append", "targetFileSize": "64KB", "compression": "none"}}]}
            """)
        let process = Process()
        process.executableURL = SluiceProcess.executable
        process.arguments = ["run", "big.json"]
        process.currentDirectoryURL = sluice.directory
        var environment = ProcessInfo.processInfo.environment
        environment["SLUICE_STATE_DIR"] = sluice.path(".state")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once its first data files are on disk: between data files and commit.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline, Set(Self.dataFiles(sluice.path("lake/t"))).subtracting(before).count < 2 {
            usleep(2_000)
        }
        let killedInTime = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(killedInTime, "the writer finished before it could be killed; the test proves nothing")
        #expect(Set(Self.dataFiles(sluice.path("lake/t"))).subtracting(before).count >= 2)
        #expect(sluice.list("lake/t/_delta_log").filter { $0.hasSuffix(".json") } == ["00000000000000000000.json"])
        let read = try DeltaCommandTests.python("read", sluice.path("lake/t")) as! [String: Any]
        #expect((read["rows"] as! [[Any]]).count == 20)
        try sluice.write("count.json", """
            {"name": "count", "steps": [
              {"type": "extract", "method": "fromDeltaLake", "config": {"path": "lake/t"}},
              {"type": "transform", "method": "aggregateData", "config": {"aggregations": {"n": "count(*)"}}},
              {"type": "load", "method": "toFile", "config": {"path": "out/n", "format": "csv"}}]}
            """)
        #expect(try sluice.run("run", "count.json").status == 0)
        #expect(try sluice.read("out/n/part-00000.csv") == "n\n20\n")
    }

    /// The Parquet files below a table's root, relative paths.
    static func dataFiles(_ root: String) -> [String] {
        (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".parquet") && !$0.hasPrefix("_delta_log") }
    }

    @Test func replaceWhereReplacesOnlyTheNamedPartitions() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("base.csv", DeltaCommandTests.csv(from: 0, count: 90, part: "a"))
        try sluice.write("base.json", """
            {"name": "base", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "base.csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "partitionBy": ["part"]}}]}
            """)
        #expect(try sluice.run("run", "base.json").status == 0)
        try sluice.write("fix.csv", "id,name,amount,part\n1,fixed,0.5,a\n2,fixed,0.5,a\n")
        func replace(_ condition: String) throws -> SluiceProcess.Result {
            try sluice.write("fix.json", """
                {"name": "fix", "steps": [
                  {"type": "extract", "method": "fromFile", "config": {"path": "fix.csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
                  {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "overwrite", "replaceWhere": "\(condition)"}}]}
                """)
            return try sluice.run("run", "fix.json")
        }
        // A row outside the condition is refused and nothing changes.
        let outside = try replace("part = 'a-b'")
        #expect(outside.status == 1 && outside.stderr.contains("does not satisfy replaceWhere"))
        let dataColumn = try replace("id < 5")
        #expect(dataColumn.status == 1 && dataColumn.stderr.contains("not a partition column"))
        let fixed = try replace("part = 'a'")
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let rows = (try DeltaCommandTests.python("read", sluice.path("lake/t")) as! [String: Any])["rows"] as! [[Any]]
        // Partition a-b (ids divisible by 3: 30 rows) stays; partition a (60 rows) becomes the 2 fixed rows.
        #expect(rows.count == 32)
        #expect(rows.filter { $0[3] as? String == "a" }.allSatisfy { $0[2] as? String == "fixed" })
    }

    @Test func mergeSchemaAddsColumnsAndOverwriteSchemaReplacesThem() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("base.csv", DeltaCommandTests.csv(from: 0, count: 5, part: "a"))
        try sluice.write("more.csv", "id,name,amount,part,note\n100,x,1.5,a,hello\n")
        try sluice.write("other.csv", "id,score\n1,0.5\n2,0.75\n")
        func write(_ file: String, _ options: String) throws -> SluiceProcess.Result {
            try sluice.write("w.json", """
                {"name": "w", "steps": [
                  {"type": "extract", "method": "fromFile", "config": {"path": "\(file)", "format": "csv"}},
                  {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", \(options)}}]}
                """)
            return try sluice.run("run", "w.json")
        }
        #expect(try write("base.csv", "\"mode\": \"append\"").status == 0)
        #expect(try write("more.csv", "\"mode\": \"append\", \"mergeSchema\": \"true\"").status == 0)
        var read = try DeltaCommandTests.python("read", sluice.path("lake/t")) as! [String: Any]
        #expect(read["columns"] as? [String] == ["amount", "id", "name", "note", "part"])
        let notes = (read["rows"] as! [[Any]]).map { $0[3] }
        #expect(notes.filter { $0 is NSNull }.count == 5 && notes.contains { $0 as? String == "hello" })
        let refused = try write("other.csv", "\"mode\": \"overwrite\"")
        #expect(refused.status == 1 && refused.stderr.contains("column 'score' is not in the table"))
        #expect(try write("other.csv", "\"mode\": \"overwrite\", \"overwriteSchema\": true").status == 0)
        read = try DeltaCommandTests.python("read", sluice.path("lake/t")) as! [String: Any]
        #expect(read["columns"] as? [String] == ["id", "score"])
        #expect((read["rows"] as! [[Any]]).count == 2)
    }
}

extension DeltaRecoveryCommandTests {
    @Test func timeTravelByTimestampReadsTheVersionOfThatMoment() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        for batch in 0..<3 {
            try sluice.write("in\(batch).csv", DeltaCommandTests.csv(from: batch * 10, count: 10, part: "a"))
            try sluice.write("w.json", """
                {"name": "w", "steps": [
                  {"type": "extract", "method": "fromFile", "config": {"path": "in\(batch).csv", "format": "csv"}},
                  {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "append"}}]}
                """)
            #expect(try sluice.run("run", "w.json").status == 0)
        }
        // Give the commits known times: 2025-01-01, -02 and -03 at noon UTC.
        for version in 0..<3 {
            let file = "lake/t/_delta_log/0000000000000000000\(version).json"
            let day = 1_735_732_800_000 + Int64(version) * 86_400_000
            let text = try sluice.read(file).replacingOccurrences(
                of: #""timestamp":\d+"#, with: "\"timestamp\":\(day)", options: .regularExpression)
            try sluice.write(file, text)
        }
        func rows(at timestamp: String) throws -> (Int32, String) {
            try sluice.write("r.json", """
                {"name": "r", "steps": [
                  {"type": "extract", "method": "fromDeltaLake", "config": {"path": "lake/t", "timestampAsOf": "\(timestamp)"}},
                  {"type": "transform", "method": "aggregateData", "config": {"aggregations": {"n": "count(*)"}}},
                  {"type": "load", "method": "toFile", "config": {"path": "out/r", "format": "csv", "mode": "overwrite"}}]}
                """)
            let result = try sluice.run("run", "r.json")
            return (result.status, result.status == 0 ? try sluice.read("out/r/part-00000.csv") : result.stderr)
        }
        #expect(try rows(at: "2025-01-02 18:00:00") == (0, "n\n20\n"))
        #expect(try rows(at: "2025-01-03 12:00:00") == (0, "n\n30\n"))
        #expect(try rows(at: "2025-01-01") .1.contains("no version as old as"))
    }
}
