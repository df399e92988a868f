import Foundation

/// The names of the `${...}` variables a load has read, for a caller that fetches a costly
/// value (such as `last_run_timestamp` from the state store) only when a file uses it.
public final class VariableUses: @unchecked Sendable {
    private let lock = NSLock()
    private var names: Set<String> = []

    public init() {}

    /// Notes that `${name}` was read.
    func record(_ name: String) {
        lock.lock()
        names.insert(name)
        lock.unlock()
    }

    /// Whether `${name}` was read.
    public func contains(_ name: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return names.contains(name)
    }
}
