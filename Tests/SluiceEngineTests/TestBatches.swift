import SluiceEngine

extension RecordBatch {
    /// A batch of `schema` holding `rows` (one value per field in each).
    static func of(_ schema: Schema, rows: [[ScalarValue]]) -> RecordBatch {
        RecordBatch(schema: schema, columns: schema.fields.indices.map { column in
            var builder = ColumnBuilder(type: schema.fields[column].type)
            rows.forEach { builder.append($0[column]) }
            return builder.finish()
        })
    }

    /// The values of the expression `text`, parsed and bound to this batch, row by row.
    func evaluate(_ text: String) throws -> [ScalarValue] {
        let bound = try ExpressionBinder(schema: schema).bind(try ExpressionParser.parse(text))
        let column = ExpressionEvaluator.evaluate(bound, on: self)
        return (0..<column.count).map { column.value(at: $0) }
    }
}
