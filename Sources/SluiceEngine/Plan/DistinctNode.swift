/// Keeps the first row of each distinct combination of `columns` (all columns when nil), in
/// input order: Spark's `distinct()` and `dropDuplicates(subset)`.
public struct DistinctNode: Sendable {
    public var input: LogicalPlan
    public var columns: [String]?
    public var origin: PlanOrigin

    public init(input: LogicalPlan, columns: [String]?, origin: PlanOrigin) {
        self.input = input
        self.columns = columns
        self.origin = origin
    }
}
