/// How a run that failed with a transient error is tried again.
public struct RetrySpec: Sendable, Hashable {
    /// Attempts in all, the first included (default 3).
    public var maxAttempts: Int
    /// The delay before the second attempt, in seconds (default 5).
    public var delaySeconds: Double
    /// `fixed` keeps the delay; `exponential` doubles it after each attempt.
    public var backoff: Backoff

    /// How the delay grows between attempts.
    public enum Backoff: String, Sendable, Hashable, CaseIterable {
        case fixed
        case exponential
    }

    public init(maxAttempts: Int = 3, delaySeconds: Double = 5, backoff: Backoff = .fixed) {
        self.maxAttempts = maxAttempts
        self.delaySeconds = delaySeconds
        self.backoff = backoff
    }
}
