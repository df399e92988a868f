/// Keeps the first `count` rows of its input and stops reading it.
public struct LimitNode: Sendable {
    public var input: LogicalPlan
    public var count: Int
    public var origin: PlanOrigin

    public init(input: LogicalPlan, count: Int, origin: PlanOrigin) {
        self.input = input
        self.count = count
        self.origin = origin
    }
}
