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
        }
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
