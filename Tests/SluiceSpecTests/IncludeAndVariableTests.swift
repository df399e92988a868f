import SluiceSpec
import Testing

@Suite struct IncludeAndVariableTests {
    let step = #"{"type": "extract", "method": "m", "config": %@}"#

    func pipeline(config: String, extra: String = "") -> String {
        #"{"name": "p", \#(extra) "steps": [{"type": "extract", "method": "m", "config": \#(config)}]}"#
    }

    func load(_ files: [String: String], main: String = "p.json", context: VariableContext = VariableContext()) throws -> PipelineSpec {
        let fixture = try Fixture(files)
        defer { fixture.remove() }
        return try PipelineLoader.load(file: fixture.path(main), context: context)
    }

    func errors(_ files: [String: String], main: String = "p.json", context: VariableContext = VariableContext()) -> [SluiceError] {
        do {
            _ = try load(files, main: main, context: context)
            return []
        } catch {
            return SluiceErrors.flatten(error)
        }
    }

    @Test func refsAreReplacedByTheFileRelativeToTheIncludingFile() throws {
        let spec = try load([
            "pipelines/p.json": pipeline(config: #"{"$ref": "shared/c.json"}"#),
            "pipelines/shared/c.json": #"{"path": "data.csv", "schema": {"$ref": "../schemas/s.json"}}"#,
            "pipelines/schemas/s.json": #""id INT""#,
        ], main: "pipelines/p.json")
        let config = spec.steps[0].config
        #expect(config["path"]?.stringValue == "data.csv")
        #expect(config["schema"]?.stringValue == "id INT")
        #expect(config["path"]?.location.file.hasSuffix("pipelines/shared/c.json") == true, "locations name the included file")
    }

    @Test func configRefLoadsTheStepConfigAndInlineKeysWin() throws {
        let spec = try load([
            "p.json": #"{"name": "p", "steps": [{"type": "extract", "method": "m", "configRef": "c.json", "config": {"b": "inline"}}]}"#,
            "c.json": #"{"a": "file", "b": "file"}"#,
        ])
        let config = spec.steps[0].config
        #expect(config["a"]?.stringValue == "file")
        #expect(config["b"]?.stringValue == "inline")
    }

    @Test func aMissingIncludeIsReportedWhereItIsReferenced() {
        let found = errors(["p.json": pipeline(config: #"{"$ref": "nope.json"}"#)])
        #expect(found.map(\.code) == [.includeNotFound])
        #expect(found.first?.location?.line == 1)
        #expect(found.first?.message.contains("nope.json") == true)
    }

    @Test func includeCyclesPrintTheCycle() {
        let found = errors([
            "p.json": pipeline(config: #"{"$ref": "a.json"}"#),
            "a.json": #"{"x": {"$ref": "b.json"}}"#,
            "b.json": #"{"$ref": "a.json"}"#,
        ])
        #expect(found.map(\.code) == [.includeCycle])
        #expect(found.first?.message.hasSuffix("a.json → b.json → a.json") == true, "\(found)")
    }

    @Test func variablesComeFromTheCommandLineTheFileTheRunAndTheEnvironment() throws {
        let spec = try load(
            ["p.json": pipeline(config: #"{"a": "${day}", "b": "${env:HOME_DIR}/x", "c": "${run_id}", "d": "$${literal}", "e": "${who}", "f": "$5"}"#,
                                extra: #""variables": {"day": "file-day", "who": "${env:USER_NAME}"},"#)],
            context: VariableContext(cliVariables: ["day": "cli-day"], environment: ["HOME_DIR": "/h", "USER_NAME": "ada"],
                                     runtime: ["run_id": "r1"]))
        let config = spec.steps[0].config
        #expect(config["a"]?.stringValue == "cli-day")
        #expect(config["b"]?.stringValue == "/h/x")
        #expect(config["c"]?.stringValue == "r1")
        #expect(config["d"]?.stringValue == "${literal}")
        #expect(config["e"]?.stringValue == "ada")
        #expect(config["f"]?.stringValue == "$5")
        #expect(spec.variables["who"] == "ada")
    }

    @Test func fileVariablesDefaultWhenTheCommandLineIsSilent() throws {
        let spec = try load(["p.json": pipeline(config: #"{"a": "${day}"}"#, extra: #""variables": {"day": "d1"},"#)])
        #expect(spec.steps[0].config["a"]?.stringValue == "d1")
    }

    @Test func unknownVariablesAreErrorsWithTheNearestName() {
        let found = errors(["p.json": pipeline(config: #"{"a": "${dya}", "b": "${env:NOT_SET_ANYWHERE}", "c": "${open"}"#,
                                               extra: #""variables": {"day": "d1"},"#)])
        #expect(found.map(\.code) == [.unknownVariable, .unknownVariable, .invalidValue])
        #expect(found[0].hint == "did you mean 'day'?")
        #expect(found[0].jsonPath == "$.steps[0].config.a")
        #expect(found[1].message.contains("NOT_SET_ANYWHERE"))
        #expect(found[2].message.contains("unterminated"))
    }
}
