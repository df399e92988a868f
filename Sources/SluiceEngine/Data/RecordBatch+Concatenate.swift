extension RecordBatch {
    /// The rows of `batches` (all of `schema`) as one batch.
    public static func concatenate(_ batches: [RecordBatch], schema: Schema) -> RecordBatch {
        guard batches.count != 1 else { return batches[0] }
        let rows = batches.reduce(0) { $0 + $1.rowCount }
        let columns = schema.fields.indices.map { column in
            var builder = ColumnBuilder(type: schema.fields[column].type, capacity: rows)
            for batch in batches {
                let source = batch.columns[column]
                for row in 0..<batch.rowCount { builder.append(source.value(at: row)) }
            }
            return builder.finish()
        }
        return RecordBatch(schema: schema, columns: columns)
    }
}

extension Column {
    /// The rows at `indices`, where -1 stands for a null row (the missing side of an outer join).
    public func take(nullable indices: [Int]) -> Column {
        guard indices.contains(-1) else { return take(indices) }
        var builder = ColumnBuilder(type: dataType, capacity: indices.count)
        for index in indices { builder.append(index < 0 ? .null : value(at: index)) }
        return builder.finish()
    }
}
