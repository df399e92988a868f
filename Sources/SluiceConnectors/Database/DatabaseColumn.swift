import Foundation
import SluiceEngine

/// One column of a database read: its field in the dataset, the server's name for its type
/// (for messages and casts), and the expression whose value the engine receives.
public struct DatabaseColumn: Sendable, Hashable {
    public var field: Field
    /// The type as the server names it (`character varying(20)`, `decimal(10,2)`).
    public var sqlType: String
    /// The column as the reader decodes it (`"amount"::float8`); pushed-down conditions
    /// compare this, so the server sees the values the engine would.
    public var valueExpression: String
    /// Whether the server compares this column's text as the engine does or more loosely
    /// (equality only; a case-insensitive collation matches more rows, never fewer).
    public var comparesAsText: Bool

    public init(field: Field, sqlType: String, valueExpression: String, comparesAsText: Bool) {
        self.field = field
        self.sqlType = sqlType
        self.valueExpression = valueExpression
        self.comparesAsText = comparesAsText
    }

    /// The select-list entry: the value, named as the column.
    public func selectExpression(_ dialect: SQLIdentifier.Dialect) -> String {
        let name = SQLIdentifier.quote(field.name, dialect)
        return valueExpression == name ? name : "\(valueExpression) AS \(name)"
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
