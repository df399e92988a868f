/// A logical type: a derived type stored as an Avro primitive or fixed type, as the
/// specification lists them. Unknown or invalid logical types are ignored when parsing,
/// as the specification requires, and the underlying type is used.
public enum AvroLogicalType: Sendable, Hashable {
    /// An exact decimal `unscaled × 10^-scale`, stored as two's-complement big-endian bytes or fixed.
    case decimal(precision: Int, scale: Int)
    /// An RFC 4122 UUID, stored as a string or a fixed of 16 bytes.
    case uuid
    /// Days since 1970-01-01, stored as an int.
    case date
    /// Milliseconds after midnight, stored as an int.
    case timeMillis
    /// Microseconds after midnight, stored as a long.
    case timeMicros
    /// Milliseconds since the epoch (UTC), stored as a long.
    case timestampMillis
    /// Microseconds since the epoch (UTC), stored as a long.
    case timestampMicros
    /// Nanoseconds since the epoch (UTC), stored as a long.
    case timestampNanos
    /// Milliseconds since 1970-01-01T00:00 in an unspecified local time zone, stored as a long.
    case localTimestampMillis
    /// Microseconds since 1970-01-01T00:00 in an unspecified local time zone, stored as a long.
    case localTimestampMicros
    /// Nanoseconds since 1970-01-01T00:00 in an unspecified local time zone, stored as a long.
    case localTimestampNanos
    /// Months, days and milliseconds as three little-endian unsigned 32-bit integers in a fixed of 12 bytes.
    case duration

    /// The `logicalType` attribute's value.
    public var name: String {
        switch self {
        case .decimal: "decimal"
        case .uuid: "uuid"
        case .date: "date"
        case .timeMillis: "time-millis"
        case .timeMicros: "time-micros"
        case .timestampMillis: "timestamp-millis"
        case .timestampMicros: "timestamp-micros"
        case .timestampNanos: "timestamp-nanos"
        case .localTimestampMillis: "local-timestamp-millis"
        case .localTimestampMicros: "local-timestamp-micros"
        case .localTimestampNanos: "local-timestamp-nanos"
        case .duration: "duration"
        }
    }

    /// The logical types without attributes, by `logicalType` name.
    static let simple: [String: AvroLogicalType] = Dictionary(uniqueKeysWithValues: [
        AvroLogicalType.uuid, .date, .timeMillis, .timeMicros, .timestampMillis, .timestampMicros, .timestampNanos,
        .localTimestampMillis, .localTimestampMicros, .localTimestampNanos, .duration,
    ].map { ($0.name, $0) })

    /// Whether this logical type may annotate `base` (a primitive type name, or `fixed` of `size` bytes).
    func annotates(_ base: String, size: Int? = nil) -> Bool {
        switch self {
        case .decimal(let precision, let scale):
            guard precision > 0, scale >= 0, scale <= precision else { return false }
            if base == "bytes" { return true }
            guard base == "fixed", let size, size > 0 else { return false }
            // A fixed of n bytes holds at most floor(log10(2^(8n-1) - 1)) digits.
            return Double(precision) <= (Double(8 * size - 1) * 0.30102999566398119521).rounded(.down)
        case .uuid: return base == "string" || (base == "fixed" && size == 16)
        case .date, .timeMillis: return base == "int"
        case .timeMicros, .timestampMillis, .timestampMicros, .timestampNanos,
             .localTimestampMillis, .localTimestampMicros, .localTimestampNanos:
            return base == "long"
        case .duration: return base == "fixed" && size == 12
        }
    }
}
