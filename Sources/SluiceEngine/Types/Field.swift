/// A named, typed column of a schema.
public struct Field: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var type: DataType
    /// Whether the column may hold nulls.
    public var nullable: Bool

    public init(_ name: String, _ type: DataType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }

    /// `name TYPE`, as Spark DDL writes it.
    public var description: String { "\(name) \(type.sqlName)" + (nullable ? "" : " NOT NULL") }
}
