/// Splits a filter right above a join into the parts that read only one input, which can run
/// on that input before the join (fewer rows to index, probe and copy), and the rest, which
/// stays above it. Only inputs whose rows the join never pads with nulls take conditions:
/// both for an inner join, the left for left, semi and anti joins, the right for a right join,
/// neither for a full join. Names resolve as the join's output does: a key merged by name is
/// the left input's column.
enum JoinFilterPushdown {
    /// The conditions for the left input, for the right input, and those left above the join.
    struct Split {
        var left: [Expression] = []
        var right: [Expression] = []
        var remaining: [Expression] = []
    }

    static func split(_ condition: Expression, type: JoinNode.JoinType, left: Schema, right: Schema) -> Split {
        let toLeft = type != .right && type != .full
        let toRight = type == .inner || type == .right
        var split = Split()
        for part in JoinKeys.conjuncts(condition) {
            let columns = part.referencedColumns
            if !columns.isEmpty, toLeft, columns.allSatisfy({ left.index(of: $0) != nil }) {
                split.left.append(part)
            } else if !columns.isEmpty, toRight, columns.allSatisfy({ left.index(of: $0) == nil && right.index(of: $0) != nil }) {
                split.right.append(part)
            } else {
                split.remaining.append(part)
            }
        }
        return split
    }

    /// The parts AND-ed back together.
    static func conjunction(_ parts: [Expression]) -> Expression {
        parts.dropFirst().reduce(parts[0]) { .binary(.and, $0, $1) }
    }
}
