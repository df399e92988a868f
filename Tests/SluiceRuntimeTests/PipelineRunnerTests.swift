import Foundation
import Logging
import SluiceRuntime
import SluiceSpec
import Testing

/// Runner tests share process-wide test doubles (failure budget, memory tables), so they run one at a time.
@Suite(.serialized) struct PipelineRunnerTests {
    final class Delays: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Double] = []
        func add(_ value: Double) { lock.lock(); values.append(value); lock.unlock() }
        var all: [Double] { lock.lock(); defer { lock.unlock() }; return values }
    }

    func run(_ json: String, variables: [String: String] = [:], delays: Delays = Delays(),
             stateDirectory: String? = nil) async throws -> RunReport {
        let file = try PipelineFile(json)
        defer { file.remove() }
        let store = try await StateStore.open(directory: stateDirectory ?? (file.directory + "/state"))
        let runner = PipelineRunner(compiler: PipelineCompiler(registry: TestRegistry.registry), store: PendingStateStore(store),
                                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), sleep: { delays.add($0) })
        let report = await runner.run(file: file.path, options: RunOptions(variables: variables, environment: [:]))
        await store.close()
        return report
    }

    @Test func aSuccessfulRunReportsRowsPerStepAndExitsZero() async throws {
        let report = try await run("""
            {"name": "ok", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 5}},
              {"type": "transform", "method": "passThrough"},
              {"type": "load", "method": "toMemory", "config": {"name": "ok-out"}}]}
            """)
        #expect(report.outcome == .succeeded)
        #expect(report.exitCode == 0)
        #expect(report.steps.map(\.rowsOut) == [5, 5, 5])
        #expect(report.steps.map(\.rowsIn) == [0, 5, 5])
        #expect(report.rowsWritten == 5)
        #expect(MemoryTables.shared.rows("ok-out") == 5)
    }

    @Test func transientFailuresAreRetriedPerTheFilesPolicy() async throws {
        FailureBudget.shared.set(2)
        let delays = Delays()
        let report = try await run("""
            {"name": "flaky", "retry": {"maxAttempts": 3, "delaySeconds": 1, "backoff": "exponential"}, "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 2, "failWith": "refused"}},
              {"type": "load", "method": "toMemory", "config": {"name": "flaky-out"}}]}
            """, delays: delays)
        #expect(report.outcome == .succeeded)
        #expect(report.attempts == 3)
        #expect(delays.all == [1, 2])
        #expect(MemoryTables.shared.rows("flaky-out") == 2)
    }

    @Test func transientFailuresBeyondMaxAttemptsFailTheRun() async throws {
        FailureBudget.shared.set(5)
        let report = try await run("""
            {"name": "down", "retry": {"maxAttempts": 2, "delaySeconds": 0}, "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 2, "failWith": "refused"}},
              {"type": "load", "method": "toMemory", "config": {"name": "down-out"}}]}
            """)
        FailureBudget.shared.set(0)
        #expect(report.outcome == .failed)
        #expect(report.exitCode == 1)
        #expect(report.attempts == 2)
        #expect(report.errors.first?.code == .connectionRefused)
    }

    @Test func dataErrorsAreNotRetried() async throws {
        let delays = Delays()
        let report = try await run("""
            {"name": "bad", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 2, "failWith": "data"}},
              {"type": "load", "method": "toMemory", "config": {"name": "bad-out"}}]}
            """, delays: delays)
        #expect(report.outcome == .failed)
        #expect(report.attempts == 1)
        #expect(delays.all.isEmpty)
        #expect(MemoryTables.shared.rows("bad-out") == nil, "nothing is committed")
    }

    @Test func anInvalidFileExitsTwoWithoutRunning() async throws {
        let report = try await run("""
            {"name": "invalid", "steps": [{"type": "extract", "method": "nope"}]}
            """)
        #expect(report.outcome == .invalid)
        #expect(report.exitCode == 2)
        #expect(report.attempts == 0)
    }

    @Test func aStateStoreThatCannotOpenFailsTheRunBeforeAnyCommit() async throws {
        // The store opens while the loads are staged; the run must still fail before it commits.
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-blocker-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let file = try PipelineFile("""
            {"name": "unrecorded", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 3}},
              {"type": "load", "method": "toMemory", "config": {"name": "unrecorded-out"}}]}
            """)
        defer { file.remove() }
        let runner = PipelineRunner(compiler: PipelineCompiler(registry: TestRegistry.registry),
                                    store: PendingStateStore(directory: blocker + "/state"),
                                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), sleep: { _ in })
        let report = await runner.run(file: file.path, options: RunOptions(variables: [:], environment: [:]))
        #expect(report.outcome == .failed)
        #expect(report.exitCode == 1)
        #expect(report.attempts == 1)
        #expect(report.errors.map(\.code) == [.stateStore])
        #expect(report.errors.first?.message.contains(blocker) == true)
        #expect(MemoryTables.shared.rows("unrecorded-out") == nil, "nothing is committed")
    }

    @Test func runsAreRecordedAndFeedLastRunTimestamp() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let pipeline = """
            {"name": "incremental", "steps": [
              {"type": "extract", "method": "fromNumbers", "config": {"count": 1}},
              {"type": "load", "method": "toMemory", "config": {"name": "since ${last_run_timestamp}"}}]}
            """
        let first = try await run(pipeline, stateDirectory: state)
        #expect(first.outcome == .succeeded)
        #expect(MemoryTables.shared.rows("since 1970-01-01 00:00:00.000000") == 1)
        let second = try await run(pipeline, stateDirectory: state)
        #expect(second.outcome == .succeeded)
        let expected = RunIdentity(startedAt: first.startedAt).variables(lastSuccessfulStart: first.startedAt)["last_run_timestamp"]!
        #expect(MemoryTables.shared.rows("since \(expected)") == 1)
        let store = try await StateStore.open(directory: state)
        let runs = try await store.runs(pipeline: "incremental")
        await store.close()
        #expect(runs.map(\.runId) == [second.runId, first.runId])
        #expect(runs.allSatisfy { $0.status == .succeeded && $0.rowsRead == 1 && $0.rowsWritten == 1 })
    }
}
