/// Orders a column's value against a predicate's literal the way Spark would after coercion:
/// numbers by value across int, bigint and double; strings by their UTF-8 bytes; dates and
/// timestamps by time, a string literal being read as one. Nil when the two cannot be ordered
/// with certainty (the caller then assumes a match).
enum PredicateOrder {
    static func compare(_ left: ScalarValue, _ right: ScalarValue) -> Int? {
        switch (left, right) {
        case (.string(let a), .string(let b)):
            return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : (a.utf8.elementsEqual(b.utf8) ? 0 : 1)
        case (.boolean(let a), .boolean(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.date(let a), .date(let b)): return sign(Int64(a), Int64(b))
        case (.timestamp(let a), .timestamp(let b)): return sign(a, b)
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
        case .int32(let v): return Double(v)
        case .int64(let v): return abs(v) < (1 << 53) ? Double(v) : nil
        case .float64(let v): return v
        default: return nil
        }
    }
}
