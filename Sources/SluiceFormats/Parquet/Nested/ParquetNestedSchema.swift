/// The type of a column of a nested Parquet file written by `ParquetNestedWriter`: the shapes
/// table-format metadata needs (Delta Lake checkpoints), every level optional.
public indirect enum ParquetNestedType: Sendable {
    case string
    case long
    case int
    case boolean
    case group([ParquetNestedField])
    /// A map with string keys (a MAP group of required keys and optional values).
    case map(ParquetNestedType)
    /// A list (a three-level LIST group of optional elements).
    case list(ParquetNestedType)
}

/// A named field of a nested file or group.
public struct ParquetNestedField: Sendable {
    public var name: String
    public var type: ParquetNestedType

    public init(_ name: String, _ type: ParquetNestedType) {
        self.name = name
        self.type = type
    }
}

/// A value of a nested column.
public indirect enum ParquetNestedValue: Sendable {
    case null
    case string(String)
    case long(Int64)
    case int(Int32)
    case boolean(Bool)
    /// Group members by field name; absent members are null.
    case group([String: ParquetNestedValue])
    case map([ParquetNestedEntry])
    case list([ParquetNestedValue])
}

/// One entry of a map value.
public struct ParquetNestedEntry: Sendable {
    public var key: String
    public var value: ParquetNestedValue

    public init(_ key: String, _ value: ParquetNestedValue) {
        self.key = key
        self.value = value
    }
}
