/// A simple condition on one column (`amount > 50`, `status IN ('a', 'b')`, `day IS NULL`),
/// taken from a filter above a scan, that a source may use to skip data that cannot match:
/// files in partition directories, Parquet row groups by their statistics.
///
/// Skipping is a hint: the filter still runs on what is read, so a source that ignores
/// predicates, or cannot decide, simply reads everything. Every decision here is
/// conservative: when in doubt, data may match.
public struct ScanPredicate: Sendable, Hashable, CustomStringConvertible {
    /// The test applied to the column.
    public enum Test: Sendable, Hashable {
        case equal(ScalarValue)
        case less(ScalarValue)
        case lessOrEqual(ScalarValue)
        case greater(ScalarValue)
        case greaterOrEqual(ScalarValue)
        case oneOf([ScalarValue])
        case isNull
        case isNotNull
    }

    /// The column, lower-cased.
    public var column: String
    public var test: Test

    public init(column: String, test: Test) {
        self.column = column.lowercased()
        self.test = test
    }

    /// `amount > 50`, `status IN ('a', 'b')`, `day IS NULL`.
    public var description: String {
        func text(_ value: ScalarValue) -> String { Expression.literal(value).description }
        switch test {
        case .equal(let value): return "\(column) = \(text(value))"
        case .less(let value): return "\(column) < \(text(value))"
        case .lessOrEqual(let value): return "\(column) <= \(text(value))"
        case .greater(let value): return "\(column) > \(text(value))"
        case .greaterOrEqual(let value): return "\(column) >= \(text(value))"
        case .oneOf(let values): return "\(column) IN (" + values.map(text).joined(separator: ", ") + ")"
        case .isNull: return "\(column) IS NULL"
        case .isNotNull: return "\(column) IS NOT NULL"
        }
    }

    /// Whether a single known value (a partition directory's) may satisfy the predicate.
    public func mayMatch(value: ScalarValue) -> Bool {
        if case .null = value {
            if case .isNull = test { return true }
            return false
        }
        return mayMatch(min: value, max: value, nullCount: 0, rowCount: 1, floatingPoint: false)
    }

    /// Whether a group of `rowCount` rows whose non-null values lie in [`min`, `max`] (nil when
    /// unknown) and which holds `nullCount` nulls (nil when unknown) may hold a matching row.
    /// `floatingPoint` says the values may include NaN, which statistics leave out and which
    /// Spark orders above every number: upper bounds then prove nothing.
    public func mayMatch(min: ScalarValue?, max: ScalarValue?, nullCount: Int?, rowCount: Int, floatingPoint: Bool) -> Bool {
        switch test {
        case .isNull: return nullCount.map { $0 > 0 } ?? true
        case .isNotNull: return nullCount.map { $0 < rowCount } ?? true
        default: break
        }
        if let nullCount, nullCount >= rowCount { return false }  // only nulls: no comparison is true
        switch test {
        case .equal(let value): return within(value, min: min, max: max)
        case .oneOf(let values): return values.contains { within($0, min: min, max: max) }
        case .less(let value): return min.flatMap { PredicateOrder.compare($0, value) }.map { $0 < 0 } ?? true
        case .lessOrEqual(let value): return min.flatMap { PredicateOrder.compare($0, value) }.map { $0 <= 0 } ?? true
        case .greater(let value):
            if floatingPoint { return true }
            return max.flatMap { PredicateOrder.compare($0, value) }.map { $0 > 0 } ?? true
        case .greaterOrEqual(let value):
            if floatingPoint { return true }
            return max.flatMap { PredicateOrder.compare($0, value) }.map { $0 >= 0 } ?? true
        case .isNull, .isNotNull: return true
        }
    }

    /// The order of two values as predicates compare them (nil when they cannot be ordered).
    public static func order(_ left: ScalarValue, _ right: ScalarValue) -> Int? {
        PredicateOrder.compare(left, right)
    }

    private func within(_ value: ScalarValue, min: ScalarValue?, max: ScalarValue?) -> Bool {
        if let min, let order = PredicateOrder.compare(value, min), order < 0 { return false }
        if let max, let order = PredicateOrder.compare(value, max), order > 0 { return false }
        return true
    }
}
