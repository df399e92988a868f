/// The buffer kind behind a logical type: what `ColumnStorage` case holds its values.
public enum PhysicalKind: Sendable, Hashable {
    case boolean
    /// `Int32`: int8, int16, int32 and date.
    case int32
    /// `Int64`: int64, timestamp and timestamp_ntz.
    case int64
    /// `Double`: float32 and float64.
    case float64
    /// `Int128` unscaled values: every decimal.
    case decimal
    /// Offsets plus bytes: string and binary.
    case bytes
    /// Offsets into one child column: arrays and maps.
    case list
    /// One child column per field: structs.
    case structure
}

extension DataType {
    /// The buffer kind that holds this type's values.
    public var physical: PhysicalKind {
        switch self {
        case .boolean: .boolean
        case .int8, .int16, .int32, .date: .int32
        case .int64, .timestamp, .timestampNTZ: .int64
        case .float32, .float64: .float64
        case .decimal: .decimal
        case .string, .binary: .bytes
        case .array, .map: .list
        case .struct: .structure
        }
    }

    /// The type of the child column of an array or map (a map's is STRUCT<key, value>).
    public var listElement: DataType? {
        switch self {
        case .array(let element): element
        case .map(let key, let value): .mapEntry(key: key, value: value)
        default: nil
        }
    }

    /// The fields of a struct; empty for any other type.
    public var structFields: [Field] {
        if case .struct(let fields) = self { return fields }
        return []
    }

    /// Whether this is a decimal type.
    public var isDecimal: Bool {
        if case .decimal = self { return true }
        return false
    }

    /// The scale of a decimal type; 0 for any other.
    public var decimalScale: Int {
        if case .decimal(_, let scale) = self { return scale }
        return 0
    }

    /// TINYINT, SMALLINT, INT or BIGINT.
    public var isIntegral: Bool { self == .int8 || self == .int16 || self == .int32 || self == .int64 }

    /// Either timestamp type.
    public var isTimestamp: Bool { self == .timestamp || self == .timestampNTZ }
}
