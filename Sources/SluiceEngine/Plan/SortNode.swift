/// Orders rows by keys. Nulls come first in ascending order and last in descending order,
/// as Spark orders them, unless a key says otherwise.
public struct SortNode: Sendable {
    /// One sort key.
    public struct Key: Sendable, Hashable {
        public var expression: Expression
        public var ascending: Bool
        public var nullsFirst: Bool

        public init(expression: Expression, ascending: Bool = true, nullsFirst: Bool? = nil) {
            self.expression = expression
            self.ascending = ascending
            self.nullsFirst = nullsFirst ?? ascending
        }

        public var description: String {
            "\(expression) \(ascending ? "ASC" : "DESC") NULLS \(nullsFirst ? "FIRST" : "LAST")"
        }
    }

    public var input: LogicalPlan
    public var keys: [Key]
    public var origin: PlanOrigin

    public init(input: LogicalPlan, keys: [Key], origin: PlanOrigin) {
        self.input = input
        self.keys = keys
        self.origin = origin
    }
}
