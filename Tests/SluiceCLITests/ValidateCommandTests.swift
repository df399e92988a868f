import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func aValidFileExitsZero() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let result = try sluice.run("validate", "examples/quickstart.json")
        #expect(result.status == 0)
        #expect(result.stdout.contains("valid (3 steps)"))
        #expect(!FileManager.default.fileExists(atPath: sluice.path("out")), "validate touches no data")
    }

    @Test func everyProblemIsReportedWithFileLineColumnAndHint() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {
              "name": "broken",
              "steps": [
                {"type": "extract", "method": "fromFiles", "config": {"path": "x.csv", "format": "csv"}},
                {"type": "extract", "method": "fromFile", "config": {"path": "x.csv", "fromat": "csv"}},
                {"type": "load", "method": "toFile", "config": {"format": "json", "mode": "overwrit"}}
              ]
            }
            """)
        let result = try sluice.run("validate", "p.json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("p.json:4:"))
        #expect(result.stderr.contains("did you mean 'fromFile'?"))
        #expect(result.stderr.contains("p.json:5:"))
        #expect(result.stderr.contains("did you mean 'format'?"))
        #expect(result.stderr.contains("needs the config key 'format'"))
        #expect(result.stderr.contains("needs the config key 'path'"))
        #expect(result.stderr.contains("did you mean 'overwrite'?"))
        #expect(result.stderr.contains("5 errors"))
    }

    @Test func jsonDiagnosticsAreMachineReadable() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "broken", "steps": [{"type": "extract", "method": "filterRow", "config": {}}]}
            """)
        let result = try sluice.run("validate", "p.json", "--format", "json")
        #expect(result.status == 2)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(report?["valid"] as? Bool == false)
        let errors = report?["errors"] as? [[String: Any]]
        #expect(errors?.count == 1)
        #expect(errors?.first?["code"] as? String == "unknown-method")
        #expect(errors?.first?["line"] as? Int == 1)
        #expect(errors?.first?["jsonPath"] as? String == "$.steps[0].method")
        #expect(errors?.first?["hint"] as? String == "did you mean 'filterRows'?")
    }

    @Test func badJSONNamesLineAndColumn() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", "{\n  \"name\": \"x\",\n  \"steps\": [,]\n}\n")
        let result = try sluice.run("validate", "p.json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("p.json:3:13"))
        #expect(result.stderr.contains("[invalid-json]"))
    }

    @Test func includeCyclesPrintTheCycle() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "c", "steps": [{"type": "extract", "method": "fromFile", "config": {"$ref": "a.json"}}]}
            """)
        try sluice.write("a.json", #"{"path": {"$ref": "b.json"}}"#)
        try sluice.write("b.json", #"{"$ref": "a.json"}"#)
        let result = try sluice.run("validate", "p.json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("[include-cycle]"))
        #expect(result.stderr.contains("a.json → b.json → a.json"))
    }

    @Test func includesAreResolvedRelativeToTheIncludingFile() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("pipelines/p.json", """
            {"name": "inc", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"$ref": "shared/source.json"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/inc", "format": "json"}}]}
            """)
        try sluice.write("pipelines/shared/source.json", #"{"path": "examples/data/orders.csv", "format": "csv"}"#)
        let result = try sluice.run("run", "pipelines/p.json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(sluice.list("out/inc") == ["_SUCCESS", "part-00000.json"])
    }

    @Test func anUnknownVariableIsAnErrorWithItsLocation() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "v", "variables": {"day": "2025-01-01"}, "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in/${dya}.csv", "format": "csv"}}]}
            """)
        let result = try sluice.run("validate", "p.json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("p.json:2:"))
        #expect(result.stderr.contains("[unknown-variable]"))
        #expect(result.stderr.contains("did you mean 'day'?"))
    }

    @Test func aMissingPipelineFileExitsTwo() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let result = try sluice.run("validate", "nope.json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("nope.json"))
    }
}
