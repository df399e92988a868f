import Foundation
import Logging
import SluiceEngine
import SluiceSpec

/// Runs a pipeline file end to end: compile, record the run, execute every load (staged,
/// then committed together), retry transient failures per the file's `retry`, and report.
///
/// All loads of an attempt are staged before any is committed, so a failure in any step
/// leaves every output as it was. The run is recorded in the state store before the first
/// commit; a store that cannot be opened fails the run there.
public struct PipelineRunner: Sendable {
    public let compiler: PipelineCompiler
    public let store: PendingStateStore
    public let logger: Logger
    /// Waits between attempts; tests pass one that does not sleep.
    public let sleep: @Sendable (Double) async throws -> Void
    public let onEvent: @Sendable (RunEvent) -> Void

    public init(compiler: PipelineCompiler = PipelineCompiler(), store: PendingStateStore, logger: Logger,
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
                onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) {
        self.compiler = compiler
        self.store = store
        self.logger = logger
        self.sleep = sleep
        self.onEvent = onEvent
    }

    public func run(file: String, options: RunOptions, identity: RunIdentity = RunIdentity()) async -> RunReport {
        var options = options
        var logger = self.logger
        logger[metadataKey: "runId"] = "\(identity.runId)"
        let store = self.store
        var plan: PipelinePlan
        do {
            plan = try await compiler.compile(file: file, options: options, identity: identity,
                                              lastSuccessfulStart: { try await store.store.lastSuccessfulStart(of: $0) })
        } catch {
            let errors = SluiceErrors.flatten(error)
            let invalid = errors.allSatisfy { $0.code.kind == .invalidInput }
            for error in errors { logger.error("\(error.message)", metadata: Self.metadata(of: error)) }
            let report = RunReport(runId: identity.runId, pipeline: PipelineNamePeek.name(of: file) ?? file,
                                   startedAt: identity.startedAt, endedAt: Date(), attempts: 0,
                                   outcome: invalid ? .invalid : .failed, errors: errors, steps: [])
            onEvent(.finished(report))
            return report
        }
        logger[metadataKey: "pipeline"] = "\(plan.spec.name)"
        var record = RunRecord(runId: identity.runId, pipeline: plan.spec.name, startedAt: identity.startedAt, status: .running)
        // Recorded while the loads are staged; awaited before the first commit and before the final record.
        let started = Task { [record] in
            let opened = try await store.store
            try? await opened.save(record)
        }
        logger.info("run started", metadata: ["steps": "\(plan.steps.count)", "file": "\(file)"])

        var retry = RetryStateMachine(policy: plan.spec.retry)
        var metrics = StepMetrics()
        var errors: [SluiceError] = []
        while true {
            metrics = StepMetrics()
            onEvent(.attemptStarted(attempt: retry.attempts, metrics: metrics))
            do {
                try await execute(plan, metrics: metrics, logger: logger, engineOptions: options.engineOptions,
                                  beforeCommit: { try await started.value })
                errors = []
                break
            } catch {
                errors = SluiceErrors.flatten(error)
                if options.sampledInference, let mismatch = errors.first(where: { $0.code == .sampledSchemaMismatch }) {
                    // A type inferred from a sample was too narrow: plan again from every value, and start over.
                    logger.info("a value does not fit the type inferred from a sample; inferring from the whole file and starting again",
                                metadata: Self.metadata(of: mismatch))
                    options.sampledInference = false
                    do {
                        plan = try await compiler.compile(file: file, options: options, identity: identity,
                                                          lastSuccessfulStart: { try await store.store.lastSuccessfulStart(of: $0) })
                        continue
                    } catch {
                        errors = SluiceErrors.flatten(error)
                        break
                    }
                }
                switch retry.attemptFailed(with: errors) {
                case .retry(let attempt, let delay):
                    logger.warning("attempt failed; retrying", metadata: Self.metadata(of: errors[0]).merging(
                        ["attempt": "\(attempt)", "delaySeconds": "\(delay)"]) { $1 })
                    onEvent(.retrying(attempt: attempt, delaySeconds: delay, error: errors[0]))
                    try? await sleep(delay)
                    continue
                case .giveUp:
                    break
                }
            }
            break
        }
        let report = RunReport(runId: identity.runId, pipeline: plan.spec.name, startedAt: identity.startedAt,
                               endedAt: Date(), attempts: retry.attempts, outcome: errors.isEmpty ? .succeeded : .failed,
                               errors: errors, steps: Self.summaries(of: plan, metrics: metrics))
        for summary in report.steps {
            logger.info("step finished", metadata: [
                "step": "\(summary.name)", "method": "\(summary.method)", "rows": "\(summary.rowsOut)",
                "rowsIn": "\(summary.rowsIn)", "durationMs": "\(Int(summary.durationMs.rounded()))", "reads": "\(summary.reads)",
            ])
        }
        for error in errors { logger.error("\(error.message)", metadata: Self.metadata(of: error)) }
        record.endedAt = report.endedAt
        record.status = errors.isEmpty ? .succeeded : .failed
        record.rowsRead = report.rowsRead
        record.rowsWritten = report.rowsWritten
        record.attempts = report.attempts
        record.error = errors.first?.message
        do {
            try await started.value
            try await store.store.save(record)
        } catch {
            logger.warning("could not record the run in the state store", metadata: ["error": "\(error)"])
        }
        logger.log(level: errors.isEmpty ? .info : .error, "run \(report.outcome.rawValue)", metadata: [
            "rowsRead": "\(report.rowsRead)", "rowsWritten": "\(report.rowsWritten)", "attempts": "\(report.attempts)",
            "durationMs": "\(Int((report.endedAt.timeIntervalSince(report.startedAt) * 1000).rounded()))",
        ])
        onEvent(.finished(report))
        return report
    }

    /// Stages every load in file order, then (once `beforeCommit` returns) commits them all;
    /// any failure aborts them all.
    private func execute(_ plan: PipelinePlan, metrics: StepMetrics, logger: Logger, engineOptions: EngineOptions,
                         beforeCommit: () async throws -> Void) async throws {
        let engine = LocalEngine(options: engineOptions)
        var staged: [any StagedWrite] = []
        do {
            for (step, action) in plan.actions {
                onEvent(.stepStarted(name: step.name, stepIndex: step.step.index, metrics: metrics))
                logger.debug("step started", metadata: ["step": "\(step.name)", "method": "\(step.method.name)"])
                staged.append(try await engine.stage(action, metrics: metrics))
            }
            try await beforeCommit()
        } catch {
            for write in staged { await write.abort() }
            throw error
        }
        for (index, write) in staged.enumerated() {
            do {
                try await write.commit()
            } catch {
                for later in staged[(index + 1)...] { await later.abort() }
                throw error
            }
        }
    }

    static func summaries(of plan: PipelinePlan, metrics: StepMetrics) -> [StepSummary] {
        plan.steps.map { step in
            let entry = metrics.entry(step: step.step.index)
            let rowsIn: Int
            let rowsOut: Int
            if step.method.type == .load {
                (rowsIn, rowsOut) = (entry.rowsIn, entry.rowsOut)
            } else {
                rowsIn = step.inputSteps.reduce(0) { $0 + metrics.entry(step: $1).rowsPerScan }
                // A step that adds no node of its own (a pass-through) outputs what its plan's root outputs.
                rowsOut = metrics.entry(step: step.plan.output.origin.stepIndex).rowsPerScan
            }
            return StepSummary(index: step.step.index, name: step.name, method: step.method.name, type: step.method.type,
                               rowsIn: rowsIn, rowsOut: rowsOut, durationMs: Double(entry.nanoseconds) / 1_000_000,
                               reads: step.method.type == .load ? 1 : entry.scans)
        }
    }

    static func metadata(of error: SluiceError) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["code": "\(error.code.rawValue)"]
        if let location = error.location { metadata["location"] = "\(location)" }
        if let path = error.jsonPath { metadata["jsonPath"] = "\(path)" }
        if let hint = error.hint { metadata["hint"] = "\(hint)" }
        return metadata
    }
}
