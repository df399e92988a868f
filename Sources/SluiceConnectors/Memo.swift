import Foundation

/// Computes a value once per key and hands the same value out afterwards, safely from any
/// task. A failed computation is not remembered, so it runs again next time.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private var stored: [Key: Value] = [:]
    private let lock = NSLock()

    func value(for key: Key, _ compute: () throws -> Value) rethrows -> Value {
        lock.lock(); defer { lock.unlock() }
        if let value = stored[key] { return value }
        let value = try compute()
        stored[key] = value
        return value
    }
}
