import Foundation
import SluiceRuntime
import SluiceSpec
import Testing

@Suite struct PipelinePlannerTests {
    let compiler = PipelineCompiler(registry: TestRegistry.registry)

    func compile(_ json: String) async throws -> PipelinePlan {
        let file = try PipelineFile(json)
        defer { file.remove() }
        return try await compiler.compile(file: file.path, options: RunOptions(environment: [:]), identity: RunIdentity(),
                                          lastSuccessfulStart: { _ in nil })
    }

    func errors(_ json: String) async -> [SluiceError] {
        do {
            _ = try await compile(json)
            return []
        } catch {
            return SluiceErrors.flatten(error)
        }
    }

    @Test func stepsReadThePreviousOutputOrTheNamedDatasets() async throws {
        let plan = try await compile("""
            {"name": "p", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 3, "registerAs": "a"}},
              {"type": "extract", "method": "fromNumbers", "config": {"count": 2}, "registerAs": "b"},
              {"type": "transform", "method": "passThrough"},
              {"type": "transform", "method": "combine", "config": {"inputDataFrames": ["a", "b"]}},
              {"type": "load", "method": "toMemory", "config": {"name": "x"}}]}
            """)
        #expect(plan.steps.map(\.inputSteps) == [[], [], [1], [0, 1], [3]])
        #expect(plan.actions.count == 1)
    }

    @Test func aDatasetUsedBeforeItIsRegisteredIsAnErrorThatSaysSo() async {
        let errors = await errors("""
            {"name": "p", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 1}},
              {"type": "load", "method": "toMemory", "config": {"name": "x", "inputDataFrames": ["late"]}},
              {"type": "extract", "method": "fromNumbers", "config": {"count": 1, "registerAs": "late"}}]}
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.code == .unknownDataset)
        #expect(errors.first?.message.contains("before it is registered") == true)
        #expect(errors.first?.jsonPath == "$.steps[1].inputDataFrames")
    }

    @Test func anUnknownDatasetSuggestsTheNearestRegisteredName() async {
        let errors = await errors("""
            {"name": "p", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 1, "registerAs": "orders"}},
              {"type": "load", "method": "toMemory", "config": {"name": "x", "inputDataFrames": ["order"]}}]}
            """)
        #expect(errors.map(\.code) == [.unknownDataset])
        #expect(errors.first?.hint == "did you mean 'orders'?")
    }

    @Test func everyProblemIsReportedInOnePass() async {
        let errors = await errors("""
            {"name": "p", "steps": [
              {"type": "extract", "method": "fromNumber", "config": {"count": 1}},
              {"type": "extract", "method": "fromNumbers", "config": {"cuont": 1}},
              {"type": "transform", "method": "toMemory", "config": {"name": 5}}]}
            """)
        let codes = errors.map(\.code)
        #expect(codes.contains(.unknownMethod))
        #expect(codes.contains(.unknownKey))
        #expect(codes.contains(.missingKey))
        #expect(codes.contains(.wrongType))
        #expect(codes.contains(.invalidValue), "a load method in a transform step")
        let unknownMethod = errors.first { $0.code == .unknownMethod }
        #expect(unknownMethod?.hint == "did you mean 'fromNumbers'?")
        #expect(unknownMethod?.location?.line == 2)
        let unknownKey = errors.first { $0.code == .unknownKey }
        #expect(unknownKey?.hint == "did you mean 'count'?")
        #expect(unknownKey?.jsonPath == "$.steps[1].config.cuont")
    }

    @Test func enumerationValuesAreCheckedWithASuggestion() async {
        let errors = await errors("""
            {"name": "p", "steps": [{"type": "extract", "method": "fromNumbers", "config": {"count": 1, "failWith": "refsued"}}]}
            """)
        #expect(errors.map(\.code) == [.invalidValue])
        #expect(errors.first?.hint == "did you mean 'refused'?")
    }

    @Test func aFirstStepThatNeedsInputIsAnError() async {
        let errors = await errors("""
            {"name": "p", "steps": [{"type": "load", "method": "toMemory", "config": {"name": "x"}}]}
            """)
        #expect(errors.map(\.code) == [.unknownDataset])
        #expect(errors.first?.message.contains("first step") == true)
    }

    @Test func methodsOfTheOriginalFormatNotYetAvailableAreNamedAsSuch() async {
        let errors = await errors("""
            {"name": "p", "steps": [{"type": "extract", "method": "fromKafka", "config": {"topic": "t"}}]}
            """)
        #expect(errors.map(\.code) == [.unsupported])
        #expect(errors.first?.message.contains("not available in this version") == true)
    }

    @Test func sparkEngineIsRefusedClearly() async {
        let errors = await errors("""
            {"name": "p", "engine": "spark", "steps": [{"type": "extract", "method": "fromNumbers", "config": {"count": 1}}]}
            """)
        #expect(errors.map(\.code) == [.unsupported])
    }

    @Test func streamingModeIsRefusedClearly() async {
        let errors = await errors("""
            {"name": "p", "mode": "streaming", "steps": [{"type": "extract", "method": "fromNumbers", "config": {"count": 1}}]}
            """)
        #expect(errors.map(\.code) == [.unsupported])
        #expect(errors.first?.jsonPath == "$.mode")
    }

    @Test func explainDrawsTheDAGAsTextDotAndMermaid() async throws {
        let plan = try await compile("""
            {"name": "p", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 3, "registerAs": "a"}},
              {"type": "load", "method": "toMemory", "config": {"name": "x", "inputDataFrames": ["a"]}}]}
            """)
        let text = PlanRenderer.render(plan, as: .text)
        #expect(text.contains("[1] extract fromNumbers as 'a'"))
        #expect(text.contains("[2] load toMemory <- 'a'"))
        #expect(text.contains("Write memory x"))
        #expect(PlanRenderer.render(plan, as: .dot).contains("s0 -> s1;"))
        #expect(PlanRenderer.render(plan, as: .mermaid).contains("s0 --> s1"))
    }
}
