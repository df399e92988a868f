import Foundation
import SluiceRuntime
import SluiceSpec
import Testing

/// `${last_run_timestamp}` comes from the state store, which `sluice run` opens while the
/// pipeline compiles: the compiler asks for it only when the file uses it.
@Suite struct PipelineCompilerTests {
    final class Lookups: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String] = []
        func add(_ name: String) { lock.lock(); names.append(name); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return names }
    }

    func compile(_ json: String, variables: [String: String] = [:], lookups: Lookups,
                 lastStart: Date? = nil) async throws -> PipelinePlan {
        let file = try PipelineFile(json)
        defer { file.remove() }
        return try await PipelineCompiler(registry: TestRegistry.registry).compile(
            file: file.path, options: RunOptions(variables: variables, environment: ["TEAM": "ops"]), identity: RunIdentity(),
            lastSuccessfulStart: { name in
                lookups.add(name)
                return lastStart
            })
    }

    func loadName(_ plan: PipelinePlan) -> String? {
        plan.spec.steps.last?.config["name"]?.stringValue
    }

    @Test func aFileWithoutTheVariableNeverAsksForTheLastRun() async throws {
        let lookups = Lookups()
        let plan = try await compile("""
            {"name": "daily", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 1}},
              {"type": "load", "method": "toMemory", "config": {"name": "out ${run_date}"}}]}
            """, lookups: lookups)
        #expect(lookups.all.isEmpty)
        #expect(loadName(plan)?.hasPrefix("out 20") == true)
    }

    @Test func aFileUsingTheVariableAsksOnceByItsExpandedName() async throws {
        let lookups = Lookups()
        let plan = try await compile("""
            {"name": "sync-${env:TEAM}", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 1}},
              {"type": "load", "method": "toMemory", "config": {"name": "since ${last_run_timestamp}"}}]}
            """, lookups: lookups, lastStart: Date(timeIntervalSince1970: 1_764_000_000.25))
        #expect(lookups.all == ["sync-ops"])
        #expect(loadName(plan) == "since 2025-11-24 16:00:00.250000")
    }

    @Test func aFirstRunGetsTheEpoch() async throws {
        let lookups = Lookups()
        let plan = try await compile("""
            {"name": "first", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 1}},
              {"type": "load", "method": "toMemory", "config": {"name": "since ${last_run_timestamp}"}}]}
            """, lookups: lookups)
        #expect(lookups.all == ["first"])
        #expect(loadName(plan) == "since 1970-01-01 00:00:00.000000")
    }

    @Test func aValueGivenWithVarIsNotLookedUp() async throws {
        let lookups = Lookups()
        let plan = try await compile("""
            {"name": "backfill", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 1}},
              {"type": "load", "method": "toMemory", "config": {"name": "since ${last_run_timestamp}"}}]}
            """, variables: ["last_run_timestamp": "2020-01-01 00:00:00"], lookups: lookups)
        #expect(lookups.all.isEmpty)
        #expect(loadName(plan) == "since 2020-01-01 00:00:00")
    }
}
