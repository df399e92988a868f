extension LogicalPlan {
    /// The node with `transform` applied to each of its inputs (the node itself unchanged).
    public func rewritingChildren(_ transform: (LogicalPlan) -> LogicalPlan) -> LogicalPlan {
        switch self {
        case .scan: return self
        case .write(var node): node.input = transform(node.input); return .write(node)
        case .filter(var node): node.input = transform(node.input); return .filter(node)
        case .project(var node): node.input = transform(node.input); return .project(node)
        case .aggregate(var node): node.input = transform(node.input); return .aggregate(node)
        case .join(var node):
            node.left = transform(node.left)
            node.right = transform(node.right)
            return .join(node)
        case .limit(var node): node.input = transform(node.input); return .limit(node)
        case .distinct(var node): node.input = transform(node.input); return .distinct(node)
        case .union(var node): node.inputs = node.inputs.map(transform); return .union(node)
        case .sort(var node): node.input = transform(node.input); return .sort(node)
        case .cache(var node): node.input = transform(node.input); return .cache(node)
        case .unpivot(var node): node.input = transform(node.input); return .unpivot(node)
        case .window(var node): node.input = transform(node.input); return .window(node)
        }
    }
}
