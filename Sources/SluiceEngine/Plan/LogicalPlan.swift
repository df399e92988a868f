/// What to compute, independent of the engine that computes it.
///
/// Step methods build these nodes and never move data themselves; an engine executes them.
/// Every node records the pipeline step that made it (`origin`) so metrics and errors
/// can be reported per step.
public indirect enum LogicalPlan: Sendable {
    /// Read a source.
    case scan(ScanNode)
    /// Write the input to a sink.
    case write(WriteNode)
    /// Keep the rows matching a condition.
    case filter(FilterNode)
    /// Compute, keep, drop or rename columns.
    case project(ProjectNode)
    /// Group rows and aggregate each group.
    case aggregate(AggregateNode)
    /// Join two inputs on equal keys.
    case join(JoinNode)
    /// The first rows of the input.
    case limit(LimitNode)
    /// The first row of each distinct key.
    case distinct(DistinctNode)
    /// The rows of several inputs, by column name.
    case union(UnionNode)
    /// The rows in order of keys.
    case sort(SortNode)
    /// The input, computed once and replayed.
    case cache(CacheNode)
    /// Columns turned into rows.
    case unpivot(UnpivotNode)
    /// Columns computed by window functions.
    case window(WindowNode)
    /// A stream transformation that depends on the input's schema.
    case transform(StreamTransformNode)

    /// The step that made the node.
    public var origin: PlanOrigin {
        switch self {
        case .scan(let node): node.origin
        case .write(let node): node.origin
        case .filter(let node): node.origin
        case .project(let node): node.origin
        case .aggregate(let node): node.origin
        case .join(let node): node.origin
        case .limit(let node): node.origin
        case .distinct(let node): node.origin
        case .union(let node): node.origin
        case .sort(let node): node.origin
        case .cache(let node): node.origin
        case .unpivot(let node): node.origin
        case .window(let node): node.origin
        case .transform(let node): node.origin
        }
    }

    /// The node's inputs.
    public var children: [LogicalPlan] {
        switch self {
        case .scan: []
        case .write(let node): [node.input]
        case .filter(let node): [node.input]
        case .project(let node): [node.input]
        case .aggregate(let node): [node.input]
        case .join(let node): [node.left, node.right]
        case .limit(let node): [node.input]
        case .distinct(let node): [node.input]
        case .union(let node): node.inputs
        case .sort(let node): [node.input]
        case .cache(let node): [node.input]
        case .unpivot(let node): [node.input]
        case .window(let node): [node.input]
        case .transform(let node): [node.input]
        }
    }

    /// One line naming the operation (`Scan csv orders.csv`).
    public var label: String {
        switch self {
        case .scan(let node):
            "Scan \(node.source.summary)"
                + (node.columns.map { " columns [" + $0.sorted().joined(separator: ", ") + "]" } ?? "")
                + (node.predicates.isEmpty ? "" : " skipping by " + node.predicates.map(\.description).joined(separator: ", "))
        case .write(let node): "Write \(node.sink.summary)"
        case .filter(let node): "Filter \(node.condition.expression)"
        case .limit(let node): "Limit \(node.count)"
        case .cache: "Cache (in memory)"
        case .transform(let node): node.label
        case .window(let node): "Window " + node.columns.map { "\($0.name) = \($0.call.description)" }.joined(separator: ", ")
        case .unpivot(let node):
            "Unpivot [" + node.valueColumns.joined(separator: ", ") + "] into \(node.variableName), \(node.valueName)"
        case .distinct(let node): "Distinct" + (node.columns.map { " on " + $0.joined(separator: ", ") } ?? "")
        case .union(let node): "Union of \(node.inputs.count) inputs by name"
        case .sort(let node): "Sort by " + node.keys.map(\.description).joined(separator: ", ")
        case .join(let node):
            "Join \(node.type.rawValue) on " + zip(node.leftKeys, node.rightKeys).map { "\($0) = \($1)" }.joined(separator: " AND ")
        case .aggregate(let node):
            "Aggregate by [" + node.groupBy.map(\.name).joined(separator: ", ") + "]: "
                + node.aggregates.map { "\($0.name) = \($0.description)" }.joined(separator: ", ")
        case .project(let node):
            switch node.operation {
            case .withColumns(let columns): "WithColumns " + columns.map { "\($0.name) = \($0.expression)" }.joined(separator: ", ")
            case .select(let columns): "Select " + columns.map { $0.expression == .column(name: $0.name, qualifier: nil) ? $0.name : "\($0.expression) AS \($0.name)" }.joined(separator: ", ")
            case .drop(let names): "Drop " + names.joined(separator: ", ")
            case .rename(let pairs): "Rename " + pairs.map { "\($0.from) -> \($0.to)" }.joined(separator: ", ")
            }
        }
    }

    /// The plan as an indented tree, one node per line, root first.
    public func treeDescription(indent: String = "") -> String {
        ([indent + label] + children.map { $0.treeDescription(indent: indent + "  ") }).joined(separator: "\n")
    }
}

/// The pipeline step a plan node comes from, and where it is written, so errors found
/// while the plan runs (an unknown column, a type mismatch) point at the pipeline file.
public struct PlanOrigin: Sendable, Hashable {
    /// The step's position in the pipeline file, from 0.
    public var stepIndex: Int
    /// The step's method (`fromFile`).
    public var method: String
    /// Where the step's config is written.
    public var location: SourceLocation?
    /// The JSON path of the step's config.
    public var jsonPath: String?

    public init(stepIndex: Int, method: String, location: SourceLocation? = nil, jsonPath: String? = nil) {
        self.stepIndex = stepIndex
        self.method = method
        self.location = location
        self.jsonPath = jsonPath
    }

    /// `error` located at this step when it has no location of its own.
    public func locate(_ error: SluiceError) -> SluiceError {
        var error = error
        if error.location == nil {
            error.location = location
            error.jsonPath = error.jsonPath ?? jsonPath
            error.message = "step \(stepIndex + 1) (\(method)): " + error.message
        }
        return error
    }
}

import SluiceSpec

/// Reads a source.
public struct ScanNode: Sendable {
    public var source: any Source
    public var origin: PlanOrigin
    /// The columns the plan needs (lower-cased), set by `ColumnPruning`; nil reads them all.
    public var columns: Set<String>?
    /// Conditions from filters above, set by `PredicatePushdown`: the source may skip data
    /// that cannot satisfy them (the filters still run).
    public var predicates: [ScanPredicate] = []

    public init(source: any Source, origin: PlanOrigin, columns: Set<String>? = nil) {
        self.source = source
        self.origin = origin
        self.columns = columns
    }
}

/// Writes its input to a sink.
public struct WriteNode: Sendable {
    public var input: LogicalPlan
    public var sink: any Sink
    public var origin: PlanOrigin

    public init(input: LogicalPlan, sink: any Sink, origin: PlanOrigin) {
        self.input = input
        self.sink = sink
        self.origin = origin
    }
}
