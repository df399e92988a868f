import SluiceSpec

/// Runs a `FilterNode`: evaluates the condition over each batch and keeps the rows where it
/// is true; batches that lose every row are skipped.
enum FilterOperator {
    static func apply(_ node: FilterNode, to input: RecordBatchStream) throws -> RecordBatchStream {
        let predicate: BoundExpression
        do {
            predicate = try ExpressionBinder(schema: input.schema).bind(.cast(node.condition.expression, .boolean))
        } catch {
            throw node.origin.locate(node.condition.locate(error))
        }
        return input.parallelCompactMap(schema: input.schema) { batch in
            let mask = ExpressionEvaluator.evaluate(predicate, on: batch)
            let values = mask.booleans
            var selected: [Int] = []
            selected.reserveCapacity(batch.rowCount)
            for row in 0..<batch.rowCount where values[row] && !mask.isNull(row) { selected.append(row) }
            if selected.isEmpty { return nil }
            return selected.count == batch.rowCount ? batch : batch.take(selected)
        }
    }
}
