import Foundation

/// One run of a pipeline as the state store remembers it.
public struct RunRecord: Sendable, Hashable, Codable {
    /// How a run ended (or that it has not yet).
    public enum Status: String, Sendable, Hashable, Codable {
        case running
        case succeeded
        case failed
    }

    public var runId: String
    public var pipeline: String
    public var startedAt: Date
    public var endedAt: Date?
    public var status: Status
    /// Rows read by the pipeline's sources.
    public var rowsRead: Int
    /// Rows written by its sinks.
    public var rowsWritten: Int
    /// Attempts made (1 when no retry happened).
    public var attempts: Int
    /// The first error of a failed run.
    public var error: String?

    public init(runId: String, pipeline: String, startedAt: Date, endedAt: Date? = nil, status: Status,
                rowsRead: Int = 0, rowsWritten: Int = 0, attempts: Int = 1, error: String? = nil) {
        self.runId = runId
        self.pipeline = pipeline
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.rowsRead = rowsRead
        self.rowsWritten = rowsWritten
        self.attempts = attempts
        self.error = error
    }
}
