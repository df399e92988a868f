/// One slice of a partitioned table read: the rows whose partition column lies in
/// `[lower, upper)`, an open end where a bound is nil.
///
/// `ranges(...)` splits a read as Spark's JDBC source does, so the same settings read the
/// same slices: the first range is open below and also holds the rows whose partition column
/// is NULL, the last is open above, so every row is read exactly once whatever the bounds.
/// The bounds only decide the stride; they never filter rows.
public struct PartitionRange: Sendable, Hashable {
    /// Inclusive lower bound; nil for the first range.
    public var lower: Int64?
    /// Exclusive upper bound; nil for the last range.
    public var upper: Int64?
    /// Whether the range holds the rows whose partition column is NULL (the first one does).
    public var includesNulls: Bool

    public init(lower: Int64?, upper: Int64?, includesNulls: Bool) {
        self.lower = lower
        self.upper = upper
        self.includesNulls = includesNulls
    }

    /// The ranges of a read over `[lowerBound, upperBound]` in `numPartitions` slices. Fewer
    /// slices than asked when the bounds are closer together than that (one value per slice);
    /// one unbounded range (no WHERE clause) when a single slice remains.
    public static func ranges(lowerBound: Int64, upperBound: Int64, numPartitions: Int) -> [PartitionRange] {
        precondition(lowerBound <= upperBound, "lowerBound must not exceed upperBound")
        let width = upperBound.subtractingReportingOverflow(lowerBound)
        var count = Int64(max(numPartitions, 1))
        if !width.overflow, width.partialValue < count { count = width.partialValue }
        guard count > 1 else { return [PartitionRange(lower: nil, upper: nil, includesNulls: true)] }
        // Spark's stride: dividing each bound first keeps the arithmetic within Int64.
        let stride = upperBound / count - lowerBound / count
        var ranges: [PartitionRange] = []
        var current = lowerBound
        for index in 0..<count {
            let lower: Int64? = index == 0 ? nil : current
            current += stride
            let upper: Int64? = index == count - 1 ? nil : current
            ranges.append(PartitionRange(lower: lower, upper: upper, includesNulls: index == 0))
        }
        return ranges
    }
}

extension PartitionRange {
    /// The `WHERE` condition that selects this range of `column` (already quoted), with its
    /// bounds as parameters: `placeholder(n)` writes the n-th (1-based) parameter's marker.
    /// Empty when the range is unbounded.
    public func condition(column: String, placeholder: (Int) -> String) -> (sql: String, bounds: [Int64]) {
        var parts: [String] = []
        var bounds: [Int64] = []
        if let lower {
            bounds.append(lower)
            parts.append("\(column) >= \(placeholder(bounds.count))")
        }
        if let upper {
            bounds.append(upper)
            parts.append("\(column) < \(placeholder(bounds.count))")
        }
        var sql = parts.joined(separator: " AND ")
        if includesNulls, !sql.isEmpty { sql = "\(sql) OR \(column) IS NULL" }
        return (sql, bounds)
    }
}
