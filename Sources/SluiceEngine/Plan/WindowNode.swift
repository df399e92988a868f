/// Adds columns computed by window functions over partitions of the input; rows keep their
/// input order.
public struct WindowNode: Sendable {
    /// One computed column.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var call: WindowCall

        public init(name: String, call: WindowCall) {
            self.name = name
            self.call = call
        }
    }

    public var input: LogicalPlan
    public var columns: [Column]
    public var origin: PlanOrigin

    public init(input: LogicalPlan, columns: [Column], origin: PlanOrigin) {
        self.input = input
        self.columns = columns
        self.origin = origin
    }

    /// The window functions and their result types given the argument's type.
    static let functions = ["row_number", "rank", "dense_rank", "lag", "lead", "sum", "avg", "mean", "count", "min", "max"]
}
