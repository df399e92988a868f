/// Orders a column's value against a predicate's literal the way Spark would after coercion:
/// numbers by value across the integer, floating and decimal types (decimals exactly against
/// decimals and integers); strings and binary values by their bytes; dates and
/// timestamps by time, a string literal being read as one. Nil when the two cannot be ordered
/// with certainty (the caller then assumes a match).
enum PredicateOrder {
    static func compare(_ left: ScalarValue, _ right: ScalarValue) -> Int? {
        switch (left, right) {
        case (.string(let a), .string(let b)):
            return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : (a.utf8.elementsEqual(b.utf8) ? 0 : 1)
        case (.boolean(let a), .boolean(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.date(let a), .date(let b)): return sign(Int64(a), Int64(b))
        case (.binary(let a), .binary(let b)): return a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
        case (.timestamp(let a), .timestamp(let b)), (.timestampNTZ(let a), .timestampNTZ(let b)): return sign(a, b)
        case (.timestampNTZ, .string(let text)): return Temporal.parseTimestamp(text).flatMap { compare(left, .timestampNTZ($0)) }
        case (.string(let text), .timestampNTZ): return Temporal.parseTimestamp(text).flatMap { compare(.timestampNTZ($0), right) }
        case (.decimal, _), (_, .decimal):
            if let a = exactDecimal(left), let b = exactDecimal(right) {
                return DecimalMath.less(a, b) ? -1 : (DecimalMath.less(b, a) ? 1 : 0)
            }
            // Against a double: only when the gap is clearly larger than rounding.
            guard let a = number(left), let b = number(right), !a.isNaN, !b.isNaN,
                  abs(a - b) > 1e-9 * max(abs(a), abs(b)) else { return nil }
            return a < b ? -1 : 1
        case (.date, .string(let text)): return Temporal.parseDate(text).flatMap { compare(left, .date($0)) }
        case (.string(let text), .date): return Temporal.parseDate(text).flatMap { compare(.date($0), right) }
        case (.timestamp, .string(let text)): return Temporal.parseTimestamp(text).flatMap { compare(left, .timestamp($0)) }
        case (.string(let text), .timestamp): return Temporal.parseTimestamp(text).flatMap { compare(.timestamp($0), right) }
        case (.date(let days), .timestamp): return compare(.timestamp(Int64(days) * 86_400_000_000), right)
        case (.timestamp, .date(let days)): return compare(left, .timestamp(Int64(days) * 86_400_000_000))
        default:
            guard let a = number(left), let b = number(right), !a.isNaN, !b.isNaN else { return nil }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
    }

    private static func sign(_ a: Int64, _ b: Int64) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    /// Integers compare exactly through Double only up to 2^53; beyond, give up (nil).
    private static func number(_ value: ScalarValue) -> Double? {
        switch value {
        case .int8(let v): return Double(v)
        case .int16(let v): return Double(v)
        case .float32(let v): return Double(v)
        case .decimal(let v): return v.doubleValue
        case .int32(let v): return Double(v)
        case .int64(let v): return abs(v) < (1 << 53) ? Double(v) : nil
        case .float64(let v): return v
        default: return nil
        }
    }

    /// A decimal or an integer as an exact decimal.
    private static func exactDecimal(_ value: ScalarValue) -> DecimalValue? {
        switch value {
        case .decimal(let v): return v
        case .int8(let v): return DecimalValue(unscaled: Int128(v), scale: 0)
        case .int16(let v): return DecimalValue(unscaled: Int128(v), scale: 0)
        case .int32(let v): return DecimalValue(unscaled: Int128(v), scale: 0)
        case .int64(let v): return DecimalValue(unscaled: Int128(v), scale: 0)
        default: return nil
        }
    }
}
