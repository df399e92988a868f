/// Evaluates bound expressions over a batch, a whole column at a time.
public enum ExpressionEvaluator {
    /// The expression's values for every row of `batch`.
    public static func evaluate(_ expression: BoundExpression, on batch: RecordBatch) -> Column {
        switch expression {
        case .column(let index, _):
            return batch.columns[index]
        case .literal(let value, let type):
            return .repeating(value, type, count: batch.rowCount)
        case .cast(let operand, let type):
            return CastKernel.cast(evaluate(operand, on: batch), to: type)
        case .arithmetic(let op, let left, let right, let type):
            return ArithmeticKernel.apply(op, evaluate(left, on: batch), evaluate(right, on: batch), type: type)
        case .negate(let operand):
            return ArithmeticKernel.negate(evaluate(operand, on: batch))
        case .comparison(let op, let left, let right):
            return ComparisonKernel.apply(op, evaluate(left, on: batch), evaluate(right, on: batch))
        case .and(let left, let right):
            return LogicalKernel.and(evaluate(left, on: batch), evaluate(right, on: batch))
        case .or(let left, let right):
            return LogicalKernel.or(evaluate(left, on: batch), evaluate(right, on: batch))
        case .not(let operand):
            return LogicalKernel.not(evaluate(operand, on: batch))
        case .isNull(let operand, let negated):
            return LogicalKernel.isNull(evaluate(operand, on: batch), negated: negated)
        case .rowFunction(let function, let arguments, let type):
            let columns = arguments.map { evaluate($0, on: batch) }
            if let kernel = function.kernel, let result = kernel(columns) { return CastKernel.cast(result, to: type) }
            var builder = ColumnBuilder(type: type, capacity: batch.rowCount)
            var values = [ScalarValue](repeating: .null, count: columns.count)
            for row in 0..<batch.rowCount {
                for (index, column) in columns.enumerated() { values[index] = column.value(at: row) }
                builder.append(CastRules.cast(function.call(values), to: type))
            }
            return builder.finish()
        }
    }
}
