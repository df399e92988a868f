import Foundation
import Testing

@Suite struct RunCommandTests {
    @Test func theSummaryGroupsDigitsOfLargeCounts() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("in.csv", "n\n" + (1...1_234).map(String.init).joined(separator: "\n") + "\n")
        try sluice.write("p.json", """
            {"name": "counts", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in.csv", "format": "csv"}},
              {"type": "load", "method": "toFile", "config": {"path": "out", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("rows read 1,234, rows written 1,234"))
    }

    @Test func quickstartConvertsTheCSVToJSONLinesAndCSV() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let result = try sluice.run("run", "examples/quickstart.json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("of 'quickstart' succeeded"))
        #expect(result.stdout.contains("rows read 12, rows written 24"))

        #expect(sluice.list("out/orders_json") == ["_SUCCESS", "part-00000.json"])
        let json = try sluice.read("out/orders_json/part-00000.json").split(separator: "\n")
        #expect(json.count == 12)
        let first = try JSONSerialization.jsonObject(with: Data(json[0].utf8)) as? [String: Any]
        #expect(first?["order_id"] as? Int == 1001)
        #expect(first?["category"] as? String == "books")
        #expect(first?["amount"] as? Double == 42.5)
        let fifth = try JSONSerialization.jsonObject(with: Data(json[4].utf8)) as? [String: Any]
        #expect(fifth?["category"] as? String == "toys, games")
        let seventh = try JSONSerialization.jsonObject(with: Data(json[6].utf8)) as? [String: Any]
        #expect(seventh?["amount"] == nil, "a null amount is omitted from JSON")

        let csv = try sluice.read("out/orders_csv/part-00000.csv").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(csv[0] == "order_id,customer_id,category,status,amount,quantity,order_ts")
        #expect(csv.filter { !$0.isEmpty }.count == 13)
        #expect(csv[5].contains("\"toys, games\""))
        #expect(csv[11].contains("\"home \"\"essentials\"\"\""))
    }

    @Test func aCachedDatasetFeedsTwoLoadsFromOneRead() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "cached", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "transform", "method": "cache", "config": {"registerAs": "orders"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/a", "format": "json", "inputDataFrames": ["orders"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out/b", "format": "csv", "inputDataFrames": ["orders"]}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let extract = result.logRecords.first { $0["message"] as? String == "step finished" && $0["method"] as? String == "fromFile" }
        #expect(extract?["rows"] as? Int == 12)
        #expect(extract?["reads"] as? Int == 1, "the source is read once, not once per load")
        #expect(try sluice.read("out/b/part-00000.csv").split(separator: "\n").count == 13)
    }

    @Test func withoutCacheTheLogShowsTheSecondRead() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let result = try sluice.run("run", "examples/quickstart.json")
        let extract = result.logRecords.first { $0["message"] as? String == "step finished" && $0["method"] as? String == "fromFile" }
        #expect(extract?["reads"] as? Int == 2)
    }

    @Test func logsAreJSONLinesWithRunAndStepFields() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let result = try sluice.run("run", "examples/quickstart.json")
        #expect(result.status == 0)
        let records = result.logRecords
        #expect(!records.isEmpty)
        for record in records {
            #expect(record["timestamp"] is String && record["level"] is String && record["message"] is String)
            #expect(record["runId"] is String)
        }
        let steps = records.filter { $0["message"] as? String == "step finished" }
        #expect(steps.count == 3)
        #expect(steps.allSatisfy { $0["pipeline"] as? String == "quickstart" && $0["rows"] is Int && $0["durationMs"] is Int })
        #expect(steps.map { $0["method"] as? String } == ["fromFile", "toFile", "toFile"])
    }

    @Test func rerunsAreRecordedAndListed() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        #expect(try sluice.run("run", "examples/quickstart.json").status == 0)
        #expect(try sluice.run("run", "examples/quickstart.json").status == 0)
        let runs = try sluice.run("runs", "quickstart", "--format", "json")
        #expect(runs.status == 0)
        let list = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]]
        #expect(list?.count == 2)
        #expect(list?.allSatisfy { $0["status"] as? String == "succeeded" && $0["rowsWritten"] as? Int == 24 } == true)
        let text = try sluice.run("runs")
        #expect(text.stdout.contains("quickstart") && text.stdout.contains("succeeded"))
    }

    @Test func variablesFromTheCommandLineOverrideTheFile() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let result = try sluice.run("run", "examples/quickstart.json", "--var", "output=elsewhere")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(sluice.list("elsewhere") == ["orders_csv", "orders_json"])
    }

    @Test func aMissingInputFileFailsWithExitOneAndNamesIt() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "missing", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "data/nope.csv", "format": "csv"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/x", "format": "json"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 1)
        #expect(result.stderr.contains("p.json:2:") && result.stderr.contains("data/nope.csv"))
        #expect(result.stderr.contains("[input-not-found]"))
        #expect(!FileManager.default.fileExists(atPath: sluice.path("out/x")))
    }

    @Test func anExistingOutputWithErrorIfExistsFailsAndKeepsIt() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("out/x/keep.json", "{}\n")
        try sluice.write("p.json", """
            {"name": "exists", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/x", "format": "json", "mode": "errorIfExists"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 1)
        #expect(result.stderr.contains("[output-exists]"))
        #expect(result.stderr.contains("hint:"))
        #expect(sluice.list("out/x") == ["keep.json"])
        #expect(sluice.list("out") == ["x"], "no staging directory is left")
    }

    @Test func aFailedLoadCommitsNoOtherLoadEither() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("out/b/keep.json", "{}\n")
        try sluice.write("p.json", """
            {"name": "partial", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv", "registerAs": "o"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/a", "format": "json", "inputDataFrames": ["o"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out/b", "format": "json", "inputDataFrames": ["o"]}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: sluice.path("out/a")), "the first load is not committed")
        #expect(sluice.list("out") == ["b"])
    }

    @Test func malformedDataFailsWithTheFileAndLine() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("data/bad.csv", "id,amount\n1,2.5\n2,abc\n")
        try sluice.write("p.json", """
            {"name": "bad", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "data/bad.csv", "format": "csv", "schema": "id INT, amount DOUBLE"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/x", "format": "json"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.csv:3"))
        #expect(result.stderr.contains("amount"))
        #expect(!FileManager.default.fileExists(atPath: sluice.path("out/x")))
    }

    @Test func aValueBeyondTheInferenceSampleRestartsTheRunWithTheWholeFileInferred() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        // About 10 MB of quoted CSV, so inference samples its start; the last amount is not an integer.
        var text = "id,note,amount\n"
        for index in 0..<330_000 { text += "\(index),\"a longer note, number \(index % 10)\",\(index == 329_999 ? "2.5" : "\(index % 100)")\n" }
        try sluice.write("data/big.csv", text)
        try sluice.write("p.json", """
            {"name": "late", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "data/big.csv", "format": "csv"}},
              {"type": "transform", "method": "filterRows", "config": {"condition": "amount > 2 AND amount < 3"}},
              {"type": "load", "method": "toFile", "config": {"path": "out", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "\(result.stderr)")
        let restart = result.logRecords.first { ($0["message"] as? String)?.contains("inferred from a sample") == true }
        #expect(restart?["code"] as? String == "sampled-schema-mismatch")
        let lines = try sluice.read("out/part-00000.csv").split(separator: "\n")
        #expect(text.utf8.count > 10_000_000)
        #expect(lines == ["id,note,amount", "329999,\"a longer note, number 9\",2.5"])
    }
}
