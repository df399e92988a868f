import Foundation

/// Computes a value once and hands the same value out afterwards, safely from any task.
/// A failed computation is not remembered, so it runs again next time.
final class Memo<Value>: @unchecked Sendable {
    private var stored: Value?
    private let lock = NSLock()

    func value(_ compute: () throws -> Value) rethrows -> Value {
        lock.lock(); defer { lock.unlock() }
        if let stored { return stored }
        let value = try compute()
        stored = value
        return value
    }
}
