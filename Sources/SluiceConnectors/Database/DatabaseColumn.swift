import Foundation
import SluiceEngine

/// One column of a database read: its field in the dataset, the server's name for its type
/// (for messages), and the expression that selects it in the type the reader decodes.
public struct DatabaseColumn: Sendable, Hashable {
    public var field: Field
    /// The type as the server names it (`character varying(20)`, `decimal(10,2)`).
    public var sqlType: String
    /// The select-list expression (`"amount"::float8`).
    public var selectExpression: String

    public init(field: Field, sqlType: String, selectExpression: String) {
        self.field = field
        self.sqlType = sqlType
        self.selectExpression = selectExpression
    }
}

/// A value worked out once and then shared (a source's columns, asked for by planning and
/// by every scan). A failed attempt is not kept, so the next call tries again.
final class Cached<Value: Sendable>: @unchecked Sendable {
    private var stored: Value?
    private let lock = NSLock()

    func value(_ compute: () async throws -> Value) async throws -> Value {
        if let value = locked({ stored }) { return value }
        let value = try await compute()
        locked { stored = value }
        return value
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
