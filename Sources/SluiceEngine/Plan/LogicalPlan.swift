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

    /// The step that made the node.
    public var origin: PlanOrigin {
        switch self {
        case .scan(let node): node.origin
        case .write(let node): node.origin
        }
    }

    /// The node's inputs.
    public var children: [LogicalPlan] {
        switch self {
        case .scan: []
        case .write(let node): [node.input]
        }
    }

    /// One line naming the operation (`Scan csv orders.csv`).
    public var label: String {
        switch self {
        case .scan(let node): "Scan \(node.source.summary)"
        case .write(let node): "Write \(node.sink.summary)"
        }
    }

    /// The plan as an indented tree, one node per line, root first.
    public func treeDescription(indent: String = "") -> String {
        ([indent + label] + children.map { $0.treeDescription(indent: indent + "  ") }).joined(separator: "\n")
    }
}

/// The pipeline step a plan node comes from.
public struct PlanOrigin: Sendable, Hashable {
    /// The step's position in the pipeline file, from 0.
    public var stepIndex: Int
    /// The step's method (`fromFile`).
    public var method: String

    public init(stepIndex: Int, method: String) {
        self.stepIndex = stepIndex
        self.method = method
    }
}

/// Reads a source.
public struct ScanNode: Sendable {
    public var source: any Source
    public var origin: PlanOrigin

    public init(source: any Source, origin: PlanOrigin) {
        self.source = source
        self.origin = origin
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
