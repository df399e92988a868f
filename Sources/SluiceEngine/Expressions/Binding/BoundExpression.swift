/// An expression resolved against a schema: columns are indices, every node has a type,
/// and implicit casts are explicit. The evaluator runs it over batches.
public indirect enum BoundExpression: Sendable {
    case column(index: Int, type: DataType)
    /// A constant; `.null` literals carry the type their context gave them.
    case literal(ScalarValue, type: DataType)
    case cast(BoundExpression, to: DataType)
    /// `+ - * / %` over operands already cast to `type`.
    case arithmetic(BinaryOperator, BoundExpression, BoundExpression, type: DataType)
    case negate(BoundExpression)
    /// A comparison of operands already cast to one type; boolean.
    case comparison(BinaryOperator, BoundExpression, BoundExpression)
    case and(BoundExpression, BoundExpression)
    case or(BoundExpression, BoundExpression)
    case not(BoundExpression)
    case isNull(BoundExpression, negated: Bool)
    /// A call evaluated row by row (string, date and conditional functions, CASE, IN, LIKE).
    case rowFunction(RowFunction, [BoundExpression], type: DataType)

    /// The type of the values the expression produces.
    public var type: DataType {
        switch self {
        case .column(_, let type), .literal(_, let type), .cast(_, let type), .arithmetic(_, _, _, let type),
             .rowFunction(_, _, let type):
            return type
        case .negate(let operand): return operand.type
        case .comparison, .and, .or, .not, .isNull: return .boolean
        }
    }
}
