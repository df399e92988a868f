/// Keeps the rows for which `condition` is true (null counts as false, as in SQL).
public struct FilterNode: Sendable {
    public var input: LogicalPlan
    /// The condition, with where it is written.
    public var condition: NamedExpression
    public var origin: PlanOrigin

    public init(input: LogicalPlan, condition: NamedExpression, origin: PlanOrigin) {
        self.input = input
        self.condition = condition
        self.origin = origin
    }
}
