import Foundation
import SluiceEngine

/// The identity of one run: its id and the runtime values pipelines can reference as
/// `${run_id}`, `${run_date}` and `${last_run_timestamp}`.
public struct RunIdentity: Sendable, Hashable {
    /// Sortable and unique: `20251125T033015Z-7f3a9c`.
    public let runId: String
    public let startedAt: Date

    public init(startedAt: Date = Date(), suffix: String = RunIdentity.randomSuffix()) {
        self.startedAt = startedAt
        runId = RunIdentity.compactTimestamp(startedAt) + "-" + suffix
    }

    /// The variable holding when the pipeline's last successful run started.
    public static let lastRunTimestamp = "last_run_timestamp"

    /// The runtime variables, given when the last successful run started (nil: never).
    ///
    /// `run_date` is the UTC date of the start (`2025-11-25`); `last_run_timestamp` is a UTC
    /// timestamp (`2025-11-24 03:30:15.123456`) that PostgreSQL, MySQL and Spark SQL all parse,
    /// or the epoch on a first run.
    public func variables(lastSuccessfulStart: Date?) -> [String: String] {
        [
            "run_id": runId,
            "run_date": RunIdentity.dateText(startedAt),
            RunIdentity.lastRunTimestamp: RunIdentity.timestampText(lastSuccessfulStart ?? Date(timeIntervalSince1970: 0)),
        ]
    }

    public static func randomSuffix() -> String {
        String(UInt32.random(in: 0...0xFF_FFFF), radix: 16).leftPadded(to: 6)
    }

    /// `20251125T033015Z`.
    static func compactTimestamp(_ date: Date) -> String {
        String(UTCText.seconds(date).compactMap { $0 == " " ? "T" : $0 == "-" || $0 == ":" ? nil : $0 }) + "Z"
    }

    /// `2025-11-25`, the UTC date.
    static func dateText(_ date: Date) -> String { String(UTCText.seconds(date).prefix(10)) }

    /// `2025-11-24 03:30:15.123456`, in UTC, to the nearest microsecond (as the state store
    /// keeps run starts).
    static func timestampText(_ date: Date) -> String { UTCText.microseconds(date) }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
