/// The ordered fields of a dataset.
public struct Schema: Sendable, Hashable, CustomStringConvertible {
    public var fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    /// The schema with no columns.
    public static let empty = Schema([])

    /// The column names, in order.
    public var names: [String] { fields.map(\.name) }

    /// The position of the column named `name` (exact match first, then case-insensitive, as Spark resolves).
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
            ?? fields.firstIndex { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The field named `name`, if any.
    public subscript(name: String) -> Field? {
        index(of: name).map { fields[$0] }
    }

    /// `name TYPE, name TYPE`: Spark DDL.
    public var description: String { fields.map(\.description).joined(separator: ", ") }
}

import Foundation
