import Foundation
import Testing

/// Delta Lake tables through `sluice run`, checked against delta-rs (the `deltalake` package).
@Suite struct DeltaCommandTests {
    /// Runs Tests/Interop/delta_interop.py; returns its JSON output.
    static func python(_ arguments: String...) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", SluiceProcess.packageRoot.appendingPathComponent("Tests/Interop/delta_interop.py").path] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "delta_interop.py \(arguments.joined(separator: " ")): \(errorText)")
        return try JSONSerialization.jsonObject(with: data)
    }

    /// The rows of a CSV written by Sluice, as delta_interop.py canonicalizes them: columns
    /// sorted by name, rows sorted by their JSON text.
    static func canonicalRows(csv: String) throws -> [[Any]] {
        let script = """
            import csv, json, sys
            rows = list(csv.DictReader(open(sys.argv[1])))
            names = sorted(rows[0].keys()) if rows else []
            def value(name, text):
                if text == '': return None
                if name in ('id',): return int(text)
                if name in ('amount',): return float(text)
                return text
            out = [[value(n, r[n]) for n in names] for r in rows]
            out.sort(key=lambda row: json.dumps(row))
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, csv]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONSerialization.jsonObject(with: data) as! [[Any]]
    }

    static func same(_ a: [[Any]], _ b: [[Any]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { left, right in
            left.count == right.count && zip(left, right).allSatisfy { x, y in
                switch (x, y) {
                case (is NSNull, is NSNull): return true
                case (let p as NSNumber, let q as NSNumber): return abs(p.doubleValue - q.doubleValue) < 1e-9
                case (let p as String, let q as String): return p == q
                default: return false
                }
            }
        }
    }

    /// Rows of a generated CSV: id, name (null every 7th), amount, part.
    static func csv(from start: Int, count: Int, part: String) -> String {
        var lines = ["id,name,amount,part"]
        for id in start..<(start + count) {
            lines.append("\(id),\(id % 7 == 0 ? "" : "name \(id)"),\(Double(id) * 1.25),\(id % 3 == 0 ? part + "-b" : part)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func deltaRsReadsEveryVersionSluiceWrites() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("v0.csv", Self.csv(from: 0, count: 500, part: "a"))
        try sluice.write("v1.csv", Self.csv(from: 500, count: 300, part: "c"))
        try sluice.write("v2.csv", Self.csv(from: 1000, count: 200, part: "z"))
        func write(_ file: String, mode: String) throws {
            try sluice.write("w.json", """
                {"name": "delta_write", "steps": [
                  {"type": "extract", "method": "fromFile", "config": {"path": "\(file)", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
                  {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "\(mode)", "partitionBy": ["part"], "mergeSchema": "true"}}]}
                """)
            let result = try sluice.run("run", "w.json")
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        try write("v0.csv", mode: "errorIfExists")
        try write("v1.csv", mode: "append")
        try write("v2.csv", mode: "overwrite")
        #expect(sluice.list("lake/t/_delta_log").filter { $0.hasSuffix(".json") }.count == 3)
        let expectations = [("0", ["v0.csv"]), ("1", ["v0.csv", "v1.csv"]), ("2", ["v2.csv"])]
        for (version, files) in expectations {
            let read = try Self.python("read", sluice.path("lake/t"), version) as! [String: Any]
            #expect(read["columns"] as? [String] == ["amount", "id", "name", "part"])
            var expected: [[Any]] = []
            for file in files { expected += try Self.canonicalRows(csv: sluice.path(file)) }
            expected.sort { String(describing: $0) < String(describing: $1) }
            let got = (read["rows"] as! [[Any]]).sorted { String(describing: $0) < String(describing: $1) }
            #expect(Self.same(got, expected), "version \(version): \(got.count) rows, expected \(expected.count)")
        }
        // A second write into an existing table with errorIfExists fails and changes nothing.
        try sluice.write("again.json", """
            {"name": "again", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "v0.csv", "format": "csv"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t"}}]}
            """)
        let again = try sluice.run("run", "again.json")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists (version 2)"))
    }

    @Test func sluiceReadsEveryVersionDeltaRsWritesIncludingCheckpoints() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let versions = try Self.python("write", sluice.path("lake/rs")) as! [[String: Any]]
        #expect(sluice.list("lake/rs/_delta_log").contains("00000000000000000001.checkpoint.parquet"))
        for (version, expected) in versions.enumerated() {
            try sluice.write("r.json", """
                {"name": "delta_read", "steps": [
                  {"type": "extract", "method": "fromDeltaLake", "config": {"path": "lake/rs", "versionAsOf": \(version)}},
                  {"type": "transform", "method": "selectColumns", "config": {"columns": ["amount", "id", "name", "part"]}},
                  {"type": "load", "method": "toFile", "config": {"path": "out/v\(version)", "format": "csv"}}]}
                """)
            let result = try sluice.run("run", "r.json")
            #expect(result.status == 0, "version \(version): \(result.stderr)")
            let got = try Self.canonicalRows(csv: sluice.path("out/v\(version)/part-00000.csv"))
            #expect(Self.same(got, expected["rows"] as! [[Any]]), "version \(version): \(got.count) rows")
        }
    }

    @Test func filtersSkipFilesAndStrayFilesStayInvisible() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("v0.csv", Self.csv(from: 0, count: 300, part: "a"))
        try sluice.write("w.json", """
            {"name": "delta_write", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "v0.csv", "format": "csv"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "partitionBy": ["part"]}}]}
            """)
        #expect(try sluice.run("run", "w.json").status == 0)
        // A writer killed between its data files and its commit leaves files the log does not name:
        // readers must not see them. And a damaged one in a partition the filter rules out is never opened.
        try sluice.write("lake/t/part=a/part-09999-stray.parquet", "PAR1 damaged PAR1")
        try sluice.write("lake/t/part=a-b/part-09998-stray.parquet", "PAR1 damaged PAR1")
        try sluice.write("r.json", """
            {"name": "delta_read", "steps": [
              {"type": "extract", "method": "fromDeltaLake", "config": {"path": "lake/t"}},
              {"type": "transform", "method": "filterRows", "config": {"condition": "part = 'a' AND id >= 100"}},
              {"type": "transform", "method": "aggregateData", "config": {"aggregations": {"n": "count(*)", "low": "min(id)"}}},
              {"type": "load", "method": "toFile", "config": {"path": "out/r", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "r.json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let expectedCount = (100..<300).filter { $0 % 3 != 0 }.count
        #expect(try sluice.read("out/r/part-00000.csv") == "n,low\n\(expectedCount),100\n")
        let rs = try Self.python("read", sluice.path("lake/t")) as! [String: Any]
        #expect((rs["rows"] as! [[Any]]).count == 300)
    }

    @Test func concurrentWritersBothCommit() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        for writer in 0..<4 {
            try sluice.write("in\(writer).csv", Self.csv(from: writer * 1000, count: 200, part: "w\(writer)"))
            try sluice.write("w\(writer).json", """
                {"name": "writer\(writer)", "steps": [
                  {"type": "extract", "method": "fromFile", "config": {"path": "in\(writer).csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
                  {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/c", "mode": "append", "partitionBy": ["part"]}}]}
                """)
        }
        // The table exists first; then four appends race.
        try sluice.write("seed.csv", Self.csv(from: 9000, count: 10, part: "seed"))
        try sluice.write("seed.json", """
            {"name": "seed", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "seed.csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/c", "partitionBy": ["part"]}}]}
            """)
        #expect(try sluice.run("run", "seed.json").status == 0)
        let group = DispatchGroup()
        let statuses = StatusBox()
        for writer in 0..<4 {
            group.enter()
            DispatchQueue.global().async {
                let status = (try? sluice.run("run", "w\(writer).json"))?.status ?? -1
                statuses.add(status)
                group.leave()
            }
        }
        group.wait()
        #expect(statuses.values == [0, 0, 0, 0])
        #expect(sluice.list("lake/c/_delta_log").filter { $0.hasSuffix(".json") }.count == 5)
        let read = try Self.python("read", sluice.path("lake/c")) as! [String: Any]
        #expect((read["rows"] as! [[Any]]).count == 810)
    }

    @Test func schemaAndVersionErrorsAreClear() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("v0.csv", Self.csv(from: 0, count: 10, part: "a"))
        try sluice.write("w.json", """
            {"name": "w", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "v0.csv", "format": "csv"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t"}}]}
            """)
        #expect(try sluice.run("run", "w.json").status == 0)
        try sluice.write("extra.json", """
            {"name": "extra", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "v0.csv", "format": "csv"}},
              {"type": "transform", "method": "enrichData", "config": {"columns": {"extra": "id * 2"}}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "append"}}]}
            """)
        let extra = try sluice.run("run", "extra.json")
        #expect(extra.status == 1)
        #expect(extra.stderr.contains("column 'extra' is not in the table") && extra.stderr.contains("mergeSchema"))
        try sluice.write("old.json", """
            {"name": "old", "steps": [
              {"type": "extract", "method": "fromDeltaLake", "config": {"path": "lake/t", "version": 7}},
              {"type": "load", "method": "toFile", "config": {"path": "out/o", "format": "csv"}}]}
            """)
        let old = try sluice.run("run", "old.json")
        #expect(old.status != 0)
        #expect(old.stderr.contains("has no version 7; its newest is 0"))
    }
}

/// Exit statuses collected from several threads.
final class StatusBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int32] = []
    func add(_ status: Int32) { lock.lock(); stored.append(status); lock.unlock() }
    var values: [Int32] { lock.lock(); defer { lock.unlock() }; return stored }
}
