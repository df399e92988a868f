import Foundation
import SluiceSpec

/// What a run did: its outcome, its errors, and rows and time per step.
public struct RunReport: Sendable {
    /// How a run ended.
    public enum Outcome: String, Sendable, Hashable {
        case succeeded
        /// The data or the environment made it fail (exit status 1).
        case failed
        /// The pipeline file or the arguments are wrong; nothing ran (exit status 2).
        case invalid
    }

    public var runId: String
    public var pipeline: String
    public var startedAt: Date
    public var endedAt: Date
    public var attempts: Int
    public var outcome: Outcome
    public var errors: [SluiceError]
    public var steps: [StepSummary]

    /// 0 on success, 1 when the pipeline failed, 2 for invalid input.
    public var exitCode: Int32 {
        switch outcome {
        case .succeeded: 0
        case .failed: 1
        case .invalid: 2
        }
    }

    /// Rows read by extract steps.
    public var rowsRead: Int { steps.filter { $0.type == .extract }.reduce(0) { $0 + $1.rowsOut } }
    /// Rows written by load steps.
    public var rowsWritten: Int { steps.filter { $0.type == .load }.reduce(0) { $0 + $1.rowsOut } }
}

/// Rows and time of one step in a run.
public struct StepSummary: Sendable, Hashable {
    public var index: Int
    public var name: String
    public var method: String
    public var type: StepType
    public var rowsIn: Int
    public var rowsOut: Int
    /// Time spent producing the step's rows, its inputs' time included.
    public var durationMs: Double
    /// How many times the step's output was read (more than 1: a candidate for `cache`).
    public var reads: Int
}
