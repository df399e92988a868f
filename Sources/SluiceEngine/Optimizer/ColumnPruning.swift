/// Works out which columns each node needs from its input, top down, and tells every scan,
/// so that sources read and parse only those (a CSV with 30 columns aggregated on 3 parses 3).
///
/// A required set of nil means "all columns" (a write keeps everything it is given).
/// Names compare case-insensitively, as columns resolve.
public enum ColumnPruning {
    public static func apply(_ plan: LogicalPlan) -> LogicalPlan {
        prune(plan, required: nil)
    }

    private static func prune(_ plan: LogicalPlan, required: Set<String>?) -> LogicalPlan {
        switch plan {
        case .scan(var node):
            // A plan that needs no column still needs the rows (count(*), constant columns): a batch
            // without columns has no rows, so such a scan reads all columns rather than none.
            node.columns = required.flatMap { $0.isEmpty ? nil : Set($0.map { $0.lowercased() }) }
            return .scan(node)
        case .write(var node):
            node.input = prune(node.input, required: nil)
            return .write(node)
        case .filter(var node):
            node.input = prune(node.input, required: required.map { $0.union(node.condition.expression.referencedColumns) })
            return .filter(node)
        case .aggregate(var node):
            let keys = node.groupBy.reduce(Set<String>()) { $0.union($1.expression.referencedColumns) }
            node.input = prune(node.input, required: node.aggregates.reduce(keys) { $0.union($1.argument?.referencedColumns ?? []) })
            return .aggregate(node)
        case .join(var node):
            // Each side needs its keys and whatever is required above that it has; a side
            // cannot tell which names are its own before the plan runs, so both get them all.
            let leftKeys = node.leftKeys.reduce(Set<String>()) { $0.union($1.referencedColumns) }
            let rightKeys = node.rightKeys.reduce(Set<String>()) { $0.union($1.referencedColumns) }
            node.left = prune(node.left, required: required.map { $0.union(leftKeys) })
            node.right = prune(node.right, required: required.map { $0.union(rightKeys) })
            return .join(node)
        case .cache(var node):
            // Readers of a cache may need different columns: it keeps them all.
            node.input = prune(node.input, required: nil)
            return .cache(node)
        case .window(var node):
            let computed = Set(node.columns.map { $0.name.lowercased() })
            node.input = prune(node.input, required: required.map { needed in
                node.columns.reduce(needed.filter { !computed.contains($0.lowercased()) }) {
                    $0.union(Expression.window($1.call).referencedColumns)
                }
            })
            return .window(node)
        case .transform(var node):
            node.input = prune(node.input, required: nil)
            return .transform(node)
        case .unpivot(var node):
            node.input = prune(node.input, required: Set(node.idColumns + node.valueColumns))
            return .unpivot(node)
        case .limit(var node):
            node.input = prune(node.input, required: required)
            return .limit(node)
        case .distinct(var node):
            // Which rows are duplicates depends on the key columns, or on all columns.
            node.input = prune(node.input, required: node.columns.flatMap { keys in required.map { $0.union(keys) } })
            return .distinct(node)
        case .union(var node):
            node.inputs = node.inputs.map { prune($0, required: required) }
            return .union(node)
        case .sort(var node):
            node.input = prune(node.input, required: required.map { node.keys.reduce($0) { $0.union($1.expression.referencedColumns) } })
            return .sort(node)
        case .project(var node):
            node.input = prune(node.input, required: inputColumns(of: node.operation, required: required))
            return .project(node)
        }
    }

    /// The input columns a projection needs to produce `required`.
    private static func inputColumns(of operation: ProjectNode.Operation, required: Set<String>?) -> Set<String>? {
        switch operation {
        case .select(let columns):
            return columns.reduce([]) { $0.union($1.expression.referencedColumns) }
        case .withColumns(let columns):
            guard let required else { return nil }
            let defined = Set(columns.map { $0.name.lowercased() })
            let passedThrough = required.filter { !defined.contains($0.lowercased()) }
            return columns.reduce(passedThrough) { $0.union($1.expression.referencedColumns) }
        case .drop(let names):
            // The dropped names stay required so that dropping a missing column is still reported.
            return required.map { $0.union(names) }
        case .rename(let pairs):
            guard let required else { return nil }
            let renamedTo = Dictionary(pairs.map { ($0.to.lowercased(), $0.from) }, uniquingKeysWith: { first, _ in first })
            return Set(required.map { renamedTo[$0.lowercased()] ?? $0 }).union(pairs.map(\.from))
        }
    }
}
