extension Expression {
    /// The names of the columns the expression reads (qualifiers dropped).
    public var referencedColumns: Set<String> {
        switch self {
        case .column(let name, _): return [name]
        case .literal, .star: return []
        case .unary(_, let operand), .isNull(let operand, _), .cast(let operand, _): return operand.referencedColumns
        case .binary(_, let left, let right): return left.referencedColumns.union(right.referencedColumns)
        case .inList(let operand, let list, _):
            return list.reduce(operand.referencedColumns) { $0.union($1.referencedColumns) }
        case .between(let operand, let low, let high, _):
            return operand.referencedColumns.union(low.referencedColumns).union(high.referencedColumns)
        case .like(let operand, let pattern, _, _): return operand.referencedColumns.union(pattern.referencedColumns)
        case .caseWhen(let operand, let branches, let otherwise):
            var columns = operand?.referencedColumns ?? []
            for branch in branches { columns.formUnion(branch.condition.referencedColumns.union(branch.value.referencedColumns)) }
            return columns.union(otherwise?.referencedColumns ?? [])
        case .function(_, let arguments, _): return arguments.reduce([]) { $0.union($1.referencedColumns) }
        case .window(let call):
            return (call.arguments + call.partitionBy + call.orderBy.map(\.expression)).reduce([]) { $0.union($1.referencedColumns) }
        }
    }
}
