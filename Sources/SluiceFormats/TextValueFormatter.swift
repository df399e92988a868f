import SluiceEngine

/// Renders non-string values as text the same way in every text format, so that what
/// Sluice writes, Sluice (and Spark, DuckDB, pandas) reads back unchanged.
public enum TextValueFormatter {
    /// Shortest round-trip decimal; `NaN`, `Infinity`, `-Infinity` for the specials.
    public static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }

    /// The text of a non-null value (strings as they are).
    public static func text(_ value: ScalarValue) -> String {
        switch value {
        case .null: return ""
        case .boolean(let v): return v ? "true" : "false"
        case .int8(let v): return String(v)
        case .int16(let v): return String(v)
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .float32(let v): return v.isFinite ? v.description : double(Double(v))
        case .float64(let v): return double(v)
        case .decimal(let v): return v.description
        case .string(let v): return v
        case .binary(let v):
            var text: [UInt8] = []
            Base64.append(v[...], to: &text)
            return String(decoding: text, as: UTF8.self)
        case .date(let v): return Temporal.formatDate(v)
        case .timestamp(let v): return Temporal.formatTimestamp(v)
        case .timestampNTZ(let v): return String(Temporal.formatTimestamp(v).dropLast())
        case .array, .map, .struct: return value.cast(to: .string).description
        }
    }
}
