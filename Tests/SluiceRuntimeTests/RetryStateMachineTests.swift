import SluiceRuntime
import SluiceSpec
import Testing

@Suite struct RetryStateMachineTests {
    let refused = SluiceError(.connectionRefused, "connection refused")
    let badData = SluiceError(.malformedData, "bad row")

    @Test func transientErrorsAreRetriedWithAFixedDelayUntilAttemptsRunOut() {
        var machine = RetryStateMachine(policy: RetrySpec(maxAttempts: 3, delaySeconds: 5, backoff: .fixed))
        #expect(machine.attemptFailed(with: [refused]) == .retry(attempt: 2, delaySeconds: 5))
        #expect(machine.attemptFailed(with: [refused]) == .retry(attempt: 3, delaySeconds: 5))
        #expect(machine.attemptFailed(with: [refused]) == .giveUp(reason: .attemptsExhausted))
        #expect(machine.attempts == 3)
    }

    @Test func exponentialBackoffDoublesTheDelay() {
        var machine = RetryStateMachine(policy: RetrySpec(maxAttempts: 4, delaySeconds: 2, backoff: .exponential))
        #expect(machine.attemptFailed(with: [refused]) == .retry(attempt: 2, delaySeconds: 2))
        #expect(machine.attemptFailed(with: [refused]) == .retry(attempt: 3, delaySeconds: 4))
        #expect(machine.attemptFailed(with: [refused]) == .retry(attempt: 4, delaySeconds: 8))
    }

    @Test func dataAndConfigurationErrorsFailAtOnce() {
        var machine = RetryStateMachine(policy: RetrySpec(maxAttempts: 5))
        #expect(machine.attemptFailed(with: [badData]) == .giveUp(reason: .notTransient))
        var mixed = RetryStateMachine(policy: RetrySpec(maxAttempts: 5))
        #expect(mixed.attemptFailed(with: [refused, badData]) == .giveUp(reason: .notTransient))
    }

    @Test func oneAttemptMeansNoRetry() {
        var machine = RetryStateMachine(policy: RetrySpec(maxAttempts: 1))
        #expect(machine.attemptFailed(with: [SluiceError(.timeout, "timed out")]) == .giveUp(reason: .attemptsExhausted))
    }
}
