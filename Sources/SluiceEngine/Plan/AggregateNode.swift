import SluiceSpec

/// Groups rows by key expressions and computes aggregates per group (one output row per
/// group; a single row when there are no keys).
public struct AggregateNode: Sendable {
    public var input: LogicalPlan
    /// The grouping keys, each becoming an output column.
    public var groupBy: [NamedExpression]
    public var aggregates: [AggregateExpression]
    public var origin: PlanOrigin

    public init(input: LogicalPlan, groupBy: [NamedExpression], aggregates: [AggregateExpression], origin: PlanOrigin) {
        self.input = input
        self.groupBy = groupBy
        self.aggregates = aggregates
        self.origin = origin
    }
}

/// One aggregate output column: `name = function([DISTINCT] argument)`.
public struct AggregateExpression: Sendable, Hashable {
    public var name: String
    public var function: AggregateFunction
    /// The argument; nil for `count(*)`.
    public var argument: Expression?
    public var distinct: Bool
    public var location: SourceLocation?
    public var jsonPath: String?

    public init(name: String, function: AggregateFunction, argument: Expression?, distinct: Bool = false,
                location: SourceLocation? = nil, jsonPath: String? = nil) {
        self.name = name
        self.function = function
        self.argument = argument
        self.distinct = distinct
        self.location = location
        self.jsonPath = jsonPath
    }

    public var description: String {
        "\(function.rawValue)(\(distinct ? "DISTINCT " : "")\(argument?.description ?? "*"))"
    }
}

/// The aggregate functions, with Spark's names and null rules: nulls are skipped; an
/// aggregate over no values is null, except `count`, which is 0, and `collect_list` and
/// `collect_set`, which give an empty array.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    case sum, avg, count, min, max, first, last, stddev, variance
    /// The non-null values of a group, in input order.
    case collectList = "collect_list"
    /// The distinct non-null values of a group, in order of first appearance.
    case collectSet = "collect_set"

    /// The function named `name` (Spark's synonyms included), if any.
    public init?(name: String) {
        switch name.lowercased() {
        case "sum": self = .sum
        case "avg", "mean": self = .avg
        case "count": self = .count
        case "min": self = .min
        case "max": self = .max
        case "first", "first_value": self = .first
        case "last", "last_value": self = .last
        case "stddev", "stddev_samp", "std": self = .stddev
        case "variance", "var_samp": self = .variance
        case "collect_list": self = .collectList
        case "collect_set": self = .collectSet
        default: return nil
        }
    }

    /// Every accepted name, for suggestions.
    public static let names = ["sum", "avg", "mean", "count", "min", "max", "first", "first_value", "last", "last_value",
                               "stddev", "stddev_samp", "std", "variance", "var_samp", "collect_list", "collect_set"]

    /// The result type for an argument of `type` (nil for `count(*)`).
    func resultType(_ type: DataType?) -> DataType {
        switch self {
        case .count: return .int64
        case .avg where type?.isDecimal == true: return DecimalTypeRules.average(type!)
        case .sum where type?.isDecimal == true: return DecimalTypeRules.sum(type!)
        case .avg, .stddev, .variance: return .float64
        case .sum: return type == .float64 || type == .float32 ? .float64 : .int64
        case .min, .max, .first, .last: return type ?? .int64
        case .collectList, .collectSet: return .array(type ?? .string)
        }
    }
}
