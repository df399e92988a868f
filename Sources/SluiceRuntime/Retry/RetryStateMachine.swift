import SluiceSpec

/// Decides, after each failed attempt of a run, whether to try again and after how long.
///
/// A value type with no clock and no I/O: the runner sleeps, tests just ask.
/// Only transient errors (connection refused or reset, time-outs) are retried;
/// configuration and data errors fail at once, because trying again cannot fix them.
public struct RetryStateMachine: Sendable {
    /// What to do after a failure.
    public enum Action: Sendable, Equatable {
        /// Wait `delaySeconds`, then start attempt number `attempt` (counting from 1).
        case retry(attempt: Int, delaySeconds: Double)
        /// Stop and report the failure.
        case giveUp(reason: GiveUpReason)
    }

    /// Why no further attempt is made.
    public enum GiveUpReason: String, Sendable, Equatable {
        /// The error is not transient.
        case notTransient = "the error is not transient"
        /// `maxAttempts` attempts were made.
        case attemptsExhausted = "no attempts left"
    }

    public let policy: RetrySpec
    /// Attempts started so far.
    public private(set) var attempts = 1

    /// Starts at the first attempt.
    public init(policy: RetrySpec) {
        self.policy = policy
    }

    /// Records that the current attempt failed with `errors` and returns what to do next.
    public mutating func attemptFailed(with errors: [SluiceError]) -> Action {
        guard !errors.isEmpty, errors.allSatisfy(\.isTransient) else { return .giveUp(reason: .notTransient) }
        guard attempts < policy.maxAttempts else { return .giveUp(reason: .attemptsExhausted) }
        let delay: Double
        switch policy.backoff {
        case .fixed: delay = policy.delaySeconds
        case .exponential: delay = policy.delaySeconds * Double(1 << min(attempts - 1, 30))
        }
        attempts += 1
        return .retry(attempt: attempts, delaySeconds: delay)
    }
}
