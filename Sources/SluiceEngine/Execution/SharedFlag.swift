import Foundation

/// A flag that any task may raise and every task may read, for work split over several cores
/// (a parallel search that found its byte, an aggregation that stopped taking partials).
public final class SharedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    public init() {}

    public var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    public func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }
}
