import SluiceSpec

/// Runs an `UnpivotNode`: for every input row, one output row per value column, in column
/// order; values are cast to the widest type among the value columns.
enum UnpivotOperator {
    static func apply(_ node: UnpivotNode, to input: RecordBatchStream) throws -> RecordBatchStream {
        func index(_ name: String) throws -> Int {
            guard let index = input.schema.index(of: name) else {
                throw node.origin.locate(ProjectOperator.unknown(name, in: input.schema.fields))
            }
            return index
        }
        let ids = try node.idColumns.map(index)
        let values = try node.valueColumns.map(index)
        let valueType = values.dropFirst().reduce(input.schema.fields[values[0]].type) { $0.widened(with: input.schema.fields[$1].type) }
        let schema = Schema(ids.map { input.schema.fields[$0] } + [Field(node.variableName, .string), Field(node.valueName, valueType)])
        let names = node.valueColumns
        return input.parallelCompactMap(schema: schema) { batch in
            let width = values.count
            let repeated = (0..<batch.rowCount).flatMap { Array(repeating: $0, count: width) }
            var variables = ColumnBuilder(type: .string, capacity: repeated.count)
            var cells = ColumnBuilder(type: valueType, capacity: repeated.count)
            let cast = values.map { CastKernel.cast(batch.columns[$0], to: valueType) }
            for row in 0..<batch.rowCount {
                for (position, column) in cast.enumerated() {
                    variables.append(names[position])
                    cells.append(column.value(at: row))
                }
            }
            return RecordBatch(schema: schema, columns: ids.map { batch.columns[$0].take(repeated) } + [variables.finish(), cells.finish()])
        }
    }
}
