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
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .float64(let v): return double(v)
        case .string(let v): return v
        case .date(let v): return Temporal.formatDate(v)
        case .timestamp(let v): return Temporal.formatTimestamp(v)
        }
    }
}
