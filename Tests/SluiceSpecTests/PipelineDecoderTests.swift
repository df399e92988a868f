import SluiceSpec
import Testing

@Suite struct PipelineDecoderTests {
    func load(_ text: String, context: VariableContext = VariableContext()) throws -> PipelineSpec {
        let fixture = try Fixture(["p.json": text])
        defer { fixture.remove() }
        return try PipelineLoader.load(file: fixture.path("p.json"), context: context)
    }

    func errors(_ text: String) -> [SluiceError] {
        do {
            _ = try load(text)
            return []
        } catch {
            return SluiceErrors.flatten(error)
        }
    }

    @Test func decodesEveryTopLevelKeyAndStep() throws {
        let spec = try load("""
            {"name": "orders", "description": "d", "mode": "streaming", "variables": {"n": 3, "flag": true},
             "retry": {"maxAttempts": "4", "delaySeconds": 0.5, "backoff": "exponential"}, "engine": "local",
             "sparkConfig": {"spark.sql.adaptive.enabled": "true", "spark.executor.cores": 4},
             "steps": [
               {"type": "extract", "method": "fromFile", "config": {"path": "x", "registerAs": "a"}, "description": "read"},
               {"type": "load", "method": "toFile", "registerAs": "b", "inputDataFrames": "a", "config": {"path": "y"}}]}
            """)
        #expect(spec.name == "orders" && spec.description == "d" && spec.mode == .streaming)
        #expect(spec.variables == ["n": "3", "flag": "true"])
        #expect(spec.retry == RetrySpec(maxAttempts: 4, delaySeconds: 0.5, backoff: .exponential))
        #expect(spec.engine == .local)
        #expect(spec.sparkConfig == ["spark.sql.adaptive.enabled": "true", "spark.executor.cores": "4"])
        #expect(spec.steps.map(\.type) == [.extract, .load])
        #expect(spec.steps[0].registerAs == "a")
        #expect(spec.steps[0].config.members?.map(\.key) == ["path"], "registerAs is taken out of config")
        #expect(spec.steps[1].registerAs == "b")
        #expect(spec.steps[1].inputDataFrames == ["a"])
        #expect(spec.steps[1].path.description == "$.steps[1]")
        #expect(spec.steps[1].location.line == 6)
    }

    @Test func defaultsApplyWhenOptionalKeysAreAbsent() throws {
        let spec = try load(#"{"name": "p", "steps": [{"type": "extract", "method": "m"}]}"#)
        #expect(spec.mode == .batch)
        #expect(spec.retry == RetrySpec(maxAttempts: 3, delaySeconds: 5, backoff: .fixed))
        #expect(spec.engine == nil)
        #expect(spec.steps[0].config.members?.isEmpty == true)
    }

    @Test func conflictingPlacementsOfRegisterAsAreAnError() {
        let found = errors("""
            {"name": "p", "steps": [{"type": "extract", "method": "m", "registerAs": "a", "config": {"registerAs": "b"}}]}
            """)
        #expect(found.map(\.code) == [.invalidValue])
        #expect(found.first?.jsonPath == "$.steps[0].config.registerAs")
    }

    @Test func unknownKeysSuggestTheNearestKey() {
        let found = errors(#"{"name": "p", "stpes": [], "steps": [{"type": "extract", "method": "m", "confg": {}}]}"#)
        #expect(found.map(\.code) == [.unknownKey, .unknownKey])
        #expect(found.map(\.hint) == ["did you mean 'steps'?", "did you mean 'config'?"])
        #expect(found[1].jsonPath == "$.steps[0].confg")
    }

    @Test func misspeltEnumerationsListTheValidValues() {
        let found = errors(#"{"name": "p", "mode": "bacth", "steps": [{"type": "tranform", "method": "m"}], "retry": {"backoff": "linear"}}"#)
        #expect(found.map(\.code) == [.invalidValue, .invalidValue, .invalidValue])
        #expect(found.contains { $0.hint == "did you mean 'batch'?" })
        #expect(found.contains { $0.hint == "did you mean 'transform'?" })
        #expect(found.contains { $0.message.contains("'fixed', 'exponential'") })
    }

    @Test func missingRequiredKeysAreEachReported() {
        let found = errors(#"{"steps": [{"config": {}}]}"#)
        #expect(found.map(\.code) == [.missingKey, .missingKey, .missingKey])
        #expect(found.map(\.message) == ["a pipeline needs \"name\"", "a step needs \"type\"", "a step needs \"method\""])
    }

    @Test func wrongTypesAndBadRetryValuesAreReportedTogether() {
        let found = errors("""
            {"name": 5, "steps": {}, "retry": {"maxAttempts": 0, "delaySeconds": -1}}
            """)
        #expect(found.count == 4)
        #expect(found.filter { $0.code == .wrongType }.count == 2)
        #expect(found.contains { $0.message == "maxAttempts must be 1 or more, got 0" })
        #expect(found.contains { $0.message == "delaySeconds must be 0 or more, got -1.0" })
    }

    @Test func anEmptyStepListIsAnError() {
        #expect(errors(#"{"name": "p", "steps": []}"#).map(\.message) == ["a pipeline needs at least one step"])
    }

    @Test func aMissingPipelineFileIsReported() {
        do {
            _ = try PipelineLoader.load(file: "/nonexistent/p.json", context: VariableContext())
            Issue.record("a missing file must fail")
        } catch {
            #expect(SluiceErrors.flatten(error).map(\.code) == [.pipelineNotFound])
        }
    }
}
