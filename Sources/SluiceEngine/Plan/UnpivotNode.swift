/// Turns columns into rows: each input row becomes one row per value column, holding the id
/// columns, the value column's name and its value (Spark's `unpivot` / `melt`, and `stack`).
public struct UnpivotNode: Sendable {
    public var input: LogicalPlan
    public var idColumns: [String]
    public var valueColumns: [String]
    public var variableName: String
    public var valueName: String
    public var origin: PlanOrigin

    public init(input: LogicalPlan, idColumns: [String], valueColumns: [String], variableName: String, valueName: String,
                origin: PlanOrigin) {
        self.input = input
        self.idColumns = idColumns
        self.valueColumns = valueColumns
        self.variableName = variableName
        self.valueName = valueName
        self.origin = origin
    }
}
