/// The rows of several inputs, matched by column name (Spark's `unionByName`): every input
/// must have the first input's columns; types widen to one that holds them all.
public struct UnionNode: Sendable {
    public var inputs: [LogicalPlan]
    public var origin: PlanOrigin

    public init(inputs: [LogicalPlan], origin: PlanOrigin) {
        self.inputs = inputs
        self.origin = origin
    }
}
