import SluiceSpec

/// Reshapes columns: adds or replaces computed columns, keeps, drops or renames columns.
/// Resolved against the input's schema when the plan runs, so the same node works whatever
/// schema a source turns out to have.
public struct ProjectNode: Sendable {
    /// What the projection does.
    public enum Operation: Sendable, Hashable {
        /// Every input column, then each `(name, expression)`: a new column, or a replacement
        /// in place when the name exists (Spark's `withColumn`).
        case withColumns([NamedExpression])
        /// Only these columns or expressions, in this order.
        case select([NamedExpression])
        /// Every column but these.
        case drop([String])
        /// Every column, with these renamed (old → new).
        case rename([(from: String, to: String)])

        public static func == (lhs: Operation, rhs: Operation) -> Bool {
            switch (lhs, rhs) {
            case (.withColumns(let a), .withColumns(let b)), (.select(let a), .select(let b)): return a == b
            case (.drop(let a), .drop(let b)): return a == b
            case (.rename(let a), .rename(let b)): return a.map(\.from) == b.map(\.from) && a.map(\.to) == b.map(\.to)
            default: return false
            }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(String(describing: self))
        }
    }

    public var input: LogicalPlan
    public var operation: Operation
    public var origin: PlanOrigin

    public init(input: LogicalPlan, operation: Operation, origin: PlanOrigin) {
        self.input = input
        self.operation = operation
        self.origin = origin
    }
}

/// An expression with the name of the column it produces.
public struct NamedExpression: Sendable, Hashable {
    public var name: String
    public var expression: Expression
    /// Where the expression is written, for errors found when it is resolved.
    public var location: SourceLocation?
    public var jsonPath: String?

    public init(name: String, expression: Expression, location: SourceLocation? = nil, jsonPath: String? = nil) {
        self.name = name
        self.expression = expression
        self.location = location
        self.jsonPath = jsonPath
    }

    /// `error` located at this expression when it has no location of its own.
    func locate(_ error: SluiceError) -> SluiceError {
        var error = error
        if error.location == nil, let location {
            error.location = location
            error.jsonPath = jsonPath
        }
        return error
    }
}
