import SluiceDelta
import SluiceEngine
import SluiceSpec

/// `replaceWhere`: an overwrite limited to the rows of a condition on partition columns. The
/// files whose partition values satisfy it are replaced; every written row must satisfy it
/// too, so the write cannot touch data outside the range it names.
struct DeltaReplaceWhere: Sendable {
    let condition: SluiceEngine.Expression
    let text: String

    /// Checks that the condition names partition columns only.
    func validate(partitionColumns: [String], table: String) throws(SluiceError) {
        let partitions = Set(partitionColumns.map { $0.lowercased() })
        if let other = condition.referencedColumns.first(where: { !partitions.contains($0.lowercased()) }) {
            throw SluiceError(.unsupported, "replaceWhere names '\(other)', which is not a partition column of Delta table '\(table)'",
                              hint: "this version of Sluice replaces whole partitions: use partition columns (\(partitionColumns.joined(separator: ", ")))")
        }
    }

    /// The files of `snapshot` whose partition values satisfy the condition.
    func matchingFiles(_ snapshot: DeltaSnapshot, layout: DeltaFileLayout) throws(SluiceError) -> [DeltaAddFile] {
        let fields = layout.schema.fields.filter { layout.partitionNames.contains($0.name.lowercased()) }
        let schema = Schema(fields)
        let bound = try ExpressionBinder(schema: schema).bind(.cast(condition, .boolean))
        return snapshot.files.filter { file in
            let columns = fields.map { field -> Column in
                var builder = ColumnBuilder(type: field.type, capacity: 1)
                builder.append(layout.partitionValue(field, in: file))
                return builder.finish()
            }
            return ExpressionEvaluator.evaluate(bound, on: RecordBatch(schema: schema, columns: columns)).value(at: 0) == .boolean(true)
        }
    }

    /// The condition bound to the written schema, once per write.
    func bound(to schema: Schema) throws(SluiceError) -> BoundExpression {
        try ExpressionBinder(schema: schema).bind(.cast(condition, .boolean))
    }

    /// Throws when a row of `batch` does not satisfy the condition (`bound` to its schema).
    func check(_ batch: RecordBatch, bound: BoundExpression, table: String) throws(SluiceError) {
        let result = ExpressionEvaluator.evaluate(bound, on: batch)
        for row in 0..<batch.rowCount where result.value(at: row) != .boolean(true) {
            throw SluiceError(.malformedData, "a row written to Delta table '\(table)' does not satisfy replaceWhere \(text)",
                              hint: "filter the dataset with the same condition before the write, or widen replaceWhere")
        }
    }
}
