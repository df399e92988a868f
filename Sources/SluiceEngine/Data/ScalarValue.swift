/// One value of any column type, for the slow paths (tests, error messages, row-wise writers).
/// Hot loops read `ColumnStorage` buffers directly instead.
public enum ScalarValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case boolean(Bool)
    case int8(Int8)
    case int16(Int16)
    case int32(Int32)
    case int64(Int64)
    case float32(Float)
    case float64(Double)
    case decimal(DecimalValue)
    case string(String)
    case binary([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp(Int64)
    /// Microseconds since 1970-01-01T00:00:00, in no time zone.
    case timestampNTZ(Int64)
    /// The elements of an array.
    case array([ScalarValue])
    /// The entries of a map, in order.
    case map(keys: [ScalarValue], values: [ScalarValue])
    /// The field values of a struct, in the type's field order.
    case `struct`([ScalarValue])

    public var isNull: Bool { self == .null }

    public var description: String {
        switch self {
        case .null: "null"
        case .boolean(let v): String(v)
        case .int8(let v): String(v)
        case .int16(let v): String(v)
        case .int32(let v): String(v)
        case .int64(let v): String(v)
        case .float32(let v): String(v)
        case .float64(let v): String(v)
        case .decimal(let v): v.description
        case .string(let v): v
        case .binary(let v): "binary(\(v.count) bytes)"
        case .date(let v): "date(\(v))"
        case .timestamp(let v): "timestamp(\(v))"
        case .timestampNTZ(let v): "timestamp_ntz(\(v))"
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let keys, let values): "{" + zip(keys, values).map { "\($0) -> \($1)" }.joined(separator: ", ") + "}"
        case .struct(let values): "{" + values.map(\.description).joined(separator: ", ") + "}"
        }
    }
}
