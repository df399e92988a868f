import Foundation
import Testing

// Delta Lake maintenance, checkpoints and merges through the command line, checked with delta-rs.
extension DeltaCommandTests {
    @Test func optimizeZOrderHistoryAndVacuum() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        for batch in 0..<4 {
            try sluice.write("in\(batch).csv", Self.csv(from: batch * 100, count: 100, part: "p"))
            try sluice.write("w\(batch).json", """
                {"name": "w", "steps": [
                  {"type": "extract", "method": "fromFile", "config": {"path": "in\(batch).csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
                  {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "append", "partitionBy": ["part"]}}]}
                """)
            #expect(try sluice.run("run", "w\(batch).json").status == 0)
        }
        let before = try Self.python("read", sluice.path("lake/t")) as! [String: Any]
        let optimized = try sluice.run("delta", "optimize", sluice.path("lake/t"))
        #expect(optimized.status == 0, "\(optimized.stderr)")
        #expect(optimized.stdout == "version 4: 8 files rewritten into 2\n")
        let after = try Self.python("read", sluice.path("lake/t")) as! [String: Any]
        #expect(after["version"] as? Int == 4)
        #expect(Self.same(after["rows"] as! [[Any]], before["rows"] as! [[Any]]))
        let zordered = try sluice.run("delta", "optimize", sluice.path("lake/t"), "--zorder-by", "amount,id")
        #expect(zordered.stdout == "version 5: 2 files rewritten into 2\n", "\(zordered.stderr)")
        let sorted = try Self.python("read", sluice.path("lake/t")) as! [String: Any]
        #expect(Self.same(sorted["rows"] as! [[Any]], before["rows"] as! [[Any]]))
        let history = try sluice.run("delta", "history", sluice.path("lake/t"), "--format", "json")
        let entries = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as! [[String: Any]]
        #expect(entries.map { $0["operation"] as? String } == ["OPTIMIZE", "OPTIMIZE", "WRITE", "WRITE", "WRITE", "WRITE"])
        #expect(entries.map { $0["version"] as? Int } == [5, 4, 3, 2, 1, 0])
        // Old versions read until VACUUM deletes their files.
        #expect(((try Self.python("read", sluice.path("lake/t"), "1") as! [String: Any])["rows"] as! [[Any]]).count == 200)
        let refused = try sluice.run("delta", "vacuum", sluice.path("lake/t"), "--retain-hours", "0")
        #expect(refused.status == 2 && refused.stderr.contains("168 hours"))
        let vacuumed = try sluice.run("delta", "vacuum", sluice.path("lake/t"), "--retain-hours", "0", "--force")
        #expect(vacuumed.status == 0)
        #expect(vacuumed.stdout.hasSuffix("10 files deleted\n"), "\(vacuumed.stdout)")
        #expect(Self.same((try Self.python("read", sluice.path("lake/t")) as! [String: Any])["rows"] as! [[Any]], before["rows"] as! [[Any]]))
        try sluice.write("old.json", """
            {"name": "old", "steps": [
              {"type": "extract", "method": "fromDeltaLake", "config": {"path": "lake/t", "versionAsOf": 1}},
              {"type": "load", "method": "toFile", "config": {"path": "out/o", "format": "csv"}}]}
            """)
        let old = try sluice.run("run", "old.json")
        #expect(old.status == 1 && old.stderr.contains("vacuumed"))
    }
}

extension DeltaCommandTests {
    @Test func autoCompactAsTheSeedWritesItKeepsOneFilePerPartition() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        for batch in 0..<3 {
            try sluice.write("in\(batch).csv", Self.csv(from: batch * 100, count: 100, part: "p"))
            try sluice.write("w\(batch).json", """
                {"name": "w", "steps": [
                  {"type": "extract", "method": "fromFile", "config": {"path": "in\(batch).csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
                  {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "append",
                    "partitionBy": ["part"], "optimizeWrite": "true", "autoCompact": "true"}}]}
                """)
            let result = try sluice.run("run", "w\(batch).json")
            #expect(result.status == 0, "\(result.stderr)")
        }
        let files = try Self.python("files", sluice.path("lake/t")) as! [String]
        #expect(files.count == 2, "\(files)")
        #expect(((try Self.python("read", sluice.path("lake/t")) as! [String: Any])["rows"] as! [[Any]]).count == 300)
    }
}

extension DeltaCommandTests {
    @Test func everyTenthCommitWritesACheckpointThatDeltaRsAndSluiceRead() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        for batch in 0..<12 {
            try sluice.write("in\(batch).csv", Self.csv(from: batch * 10, count: 10, part: "p\(batch % 2)"))
            try sluice.write("w\(batch).json", """
                {"name": "w", "steps": [
                  {"type": "extract", "method": "fromFile", "config": {"path": "in\(batch).csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
                  {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "\(batch == 5 ? "overwrite" : "append")", "partitionBy": ["part"]}}]}
                """)
            #expect(try sluice.run("run", "w\(batch).json").status == 0)
        }
        let log = sluice.list("lake/t/_delta_log")
        #expect(log.contains("00000000000000000010.checkpoint.parquet") && log.contains("_last_checkpoint"))
        #expect(try sluice.read("lake/t/_delta_log/_last_checkpoint").hasPrefix("{\"version\":10,"))
        // Without the commits before it, the table must be read from the checkpoint.
        for version in 0..<10 {
            try FileManager.default.removeItem(atPath: sluice.path("lake/t/_delta_log/\(String(repeating: "0", count: 19))\(version).json"))
        }
        let expected = (50..<120).filter { _ in true }.count
        let rs = try Self.python("read", sluice.path("lake/t")) as! [String: Any]
        #expect((rs["rows"] as! [[Any]]).count == expected)
        #expect(rs["version"] as? Int == 11)
        try sluice.write("r.json", """
            {"name": "r", "steps": [
              {"type": "extract", "method": "fromDeltaLake", "config": {"path": "lake/t", "versionAsOf": 10}},
              {"type": "transform", "method": "aggregateData", "config": {"aggregations": {"n": "count(*)", "low": "min(id)"}}},
              {"type": "load", "method": "toFile", "config": {"path": "out/r", "format": "csv"}}]}
            """)
        let read = try sluice.run("run", "r.json")
        #expect(read.status == 0, "\(read.stderr)")
        #expect(try sluice.read("out/r/part-00000.csv") == "n,low\n60,50\n")
    }
}

extension DeltaCommandTests {
    @Test func mergeUpsertsByKeyAndDeltaRsSeesTheResult() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("base.csv", Self.csv(from: 0, count: 300, part: "a"))
        try sluice.write("base.json", """
            {"name": "base", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "base.csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "partitionBy": ["part"]}}]}
            """)
        #expect(try sluice.run("run", "base.json").status == 0)
        // Updates for ids 10, 11 and 299, and new ids 1000 and 1001.
        try sluice.write("changes.csv", """
            id,name,amount,part
            10,updated 10,-1.0,a
            11,updated 11,-2.0,a-b
            299,updated 299,-3.0,a
            1000,new 1000,5.0,a
            1001,,6.0,z

            """)
        try sluice.write("merge.json", """
            {"name": "merge", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "changes.csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "merge", "mergeKeys": ["id"]}}]}
            """)
        let merged = try sluice.run("run", "merge.json")
        #expect(merged.status == 0, "\(merged.stderr)")
        let read = try Self.python("read", sluice.path("lake/t")) as! [String: Any]
        let rows = read["rows"] as! [[Any]]
        #expect(rows.count == 302)
        let byId = Dictionary(uniqueKeysWithValues: rows.map { (($0[1] as! NSNumber).intValue, $0) })
        #expect(byId[10]?[2] as? String == "updated 10" && (byId[10]?[0] as? NSNumber)?.doubleValue == -1.0)
        #expect(byId[11]?[3] as? String == "a-b" && byId[299]?[2] as? String == "updated 299")
        #expect(byId[1000]?[2] as? String == "new 1000" && byId[1001]?[2] is NSNull && byId[1001]?[3] as? String == "z")
        #expect(byId[12]?[2] as? String == "name 12")
        let history = try sluice.run("delta", "history", sluice.path("lake/t"), "--format", "json")
        #expect(history.stdout.contains("\"operation\":\"MERGE\""))
        // Incoming rows repeating a key are refused, and the table stays at its version.
        try sluice.write("dupes.csv", "id,name,amount,part\n5,x,1.0,a\n5,y,2.0,a\n")
        try sluice.write("dupes.json", """
            {"name": "dupes", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "dupes.csv", "format": "csv", "schema": "id BIGINT, name STRING, amount DOUBLE, part STRING"}},
              {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "merge", "mergeKeys": ["id"]}}]}
            """)
        let dupes = try sluice.run("run", "dupes.json")
        #expect(dupes.status == 1 && dupes.stderr.contains("more than once"))
        #expect((try Self.python("read", sluice.path("lake/t")) as! [String: Any])["version"] as? Int == 1)
    }
}

extension DeltaCommandTests {
    @Test func aMaintenancePipelineStepOptimizesAndVacuums() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        for batch in 0..<3 {
            try sluice.write("in\(batch).csv", Self.csv(from: batch * 100, count: 100, part: "p"))
        }
        try sluice.write("p.json", """
            {"name": "nightly", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in0.csv", "format": "csv", "registerAs": "a"}},
              {"type": "load", "method": "toDeltaLake", "config": {"inputDataFrames": ["a"], "path": "lake/t", "mode": "append", "partitionBy": ["part"]}},
              {"type": "extract", "method": "fromFile", "config": {"path": "in1.csv", "format": "csv", "registerAs": "b"}},
              {"type": "load", "method": "toDeltaLake", "config": {"inputDataFrames": ["b"], "path": "lake/u", "mode": "append", "partitionBy": ["part"]}},
              {"type": "load", "method": "deltaMaintenance", "config": {"path": "lake/t", "operation": ["optimize", "vacuum"], "zOrderBy": ["id"],
                "retentionHours": 0, "force": "true"}}]}
            """)
        #expect(try sluice.run("validate", "p.json").status == 0)
        #expect(try sluice.run("run", "p.json").status == 0)
        let second = try sluice.run("run", "p.json")
        #expect(second.status == 0, "\(second.stderr)")
        let history = try sluice.run("delta", "history", sluice.path("lake/t"), "--format", "json")
        let operations = (try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as! [[String: Any]]).map { $0["operation"] as! String }
        #expect(operations == ["OPTIMIZE", "WRITE", "OPTIMIZE", "WRITE"])
        // Z-ordered into one file per partition; the replaced files are vacuumed.
        #expect(DeltaRecoveryCommandTests.dataFiles(sluice.path("lake/t")).count == 2)
        #expect(((try Self.python("read", sluice.path("lake/t")) as! [String: Any])["rows"] as! [[Any]]).count == 200)
    }
}

extension DeltaCommandTests {
    @Test func vacuumCountsRetentionFromWhenAFileWasRemoved() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("in.csv", Self.csv(from: 0, count: 10, part: "a"))
        func write(_ mode: String) throws {
            try sluice.write("w.json", """
                {"name": "w", "steps": [
                  {"type": "extract", "method": "fromFile", "config": {"path": "in.csv", "format": "csv"}},
                  {"type": "load", "method": "toDeltaLake", "config": {"path": "lake/t", "mode": "\(mode)"}}]}
                """)
            #expect(try sluice.run("run", "w.json").status == 0)
        }
        try write("append")
        // The first file was written 30 days ago, and is replaced now.
        let old = try #require(DeltaRecoveryCommandTests.dataFiles(sluice.path("lake/t")).first)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-30 * 86_400)],
                                              ofItemAtPath: sluice.path("lake/t/" + old))
        try write("overwrite")
        let kept = try sluice.run("delta", "vacuum", sluice.path("lake/t"))
        #expect(kept.stdout == "0 files deleted\n", "removed minutes ago: version 0 still needs it")
        #expect(((try Self.python("read", sluice.path("lake/t"), "0") as! [String: Any])["rows"] as! [[Any]]).count == 10)
        let forced = try sluice.run("delta", "vacuum", sluice.path("lake/t"), "--retain-hours", "0", "--force")
        #expect(forced.stdout == "deleted \(old)\n1 files deleted\n")
    }
}
