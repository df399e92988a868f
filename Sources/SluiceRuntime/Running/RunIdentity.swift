import Foundation

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

    /// The runtime variables, given when the last successful run started (nil: never).
    ///
    /// `run_date` is the UTC date of the start (`2025-11-25`); `last_run_timestamp` is a UTC
    /// timestamp (`2025-11-24 03:30:15.123456`) that PostgreSQL, MySQL and Spark SQL all parse,
    /// or the epoch on a first run.
    public func variables(lastSuccessfulStart: Date?) -> [String: String] {
        [
            "run_id": runId,
            "run_date": RunIdentity.format(startedAt, "yyyy-MM-dd"),
            "last_run_timestamp": RunIdentity.format(lastSuccessfulStart ?? Date(timeIntervalSince1970: 0),
                                                     "yyyy-MM-dd HH:mm:ss.SSSSSS"),
        ]
    }

    public static func randomSuffix() -> String {
        String(UInt32.random(in: 0...0xFF_FFFF), radix: 16).leftPadded(to: 6)
    }

    static func compactTimestamp(_ date: Date) -> String { format(date, "yyyyMMdd'T'HHmmss'Z'") }

    static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
