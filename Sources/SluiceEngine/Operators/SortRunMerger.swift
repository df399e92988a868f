import SluiceSpec

/// Merges sorted runs (spill files) into one sorted stream: at each step the smallest head
/// row among the runs is emitted; ties go to the earlier run, so the whole sort stays stable.
struct SortRunMerger {
    /// One run's reader, its current batch with the batch's key columns, and the next row.
    private struct Cursor {
        var reader: SpillReader
        var batch: RecordBatch
        var keyColumns: [Column]
        var row = 0
    }

    private let schema: Schema
    private let keys: [BoundExpression]
    private let order: [SortNode.Key]
    private var cursors: [Cursor] = []

    init(runs: [SpillFile], schema: Schema, keys: [BoundExpression], order: [SortNode.Key]) throws(SluiceError) {
        self.schema = schema
        self.keys = keys
        self.order = order
        for run in runs {
            var reader = try run.reader()
            if let batch = reader.nextBatch() {
                cursors.append(Cursor(reader: reader, batch: batch, keyColumns: keys.map { ExpressionEvaluator.evaluate($0, on: batch) }))
            }
        }
    }

    /// The next batch of merged rows; nil when every run is used up.
    mutating func next() throws(SluiceError) -> RecordBatch? {
        guard !cursors.isEmpty else { return nil }
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: RecordBatch.preferredRowCount) }
        var rows = 0
        while rows < RecordBatch.preferredRowCount, !cursors.isEmpty {
            var best = 0
            for candidate in 1..<cursors.count where precedes(candidate, best) { best = candidate }
            let cursor = cursors[best]
            for (index, column) in cursor.batch.columns.enumerated() { builders[index].append(column.value(at: cursor.row)) }
            rows += 1
            advance(best)
        }
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
    }

    /// Whether cursor `a`'s head row sorts strictly before cursor `b`'s (ties keep run order).
    private func precedes(_ a: Int, _ b: Int) -> Bool {
        let left = cursors[a], right = cursors[b]
        for (index, key) in order.enumerated() {
            let result = RowComparator.compare(left.keyColumns[index], left.row, right.keyColumns[index], right.row,
                                               ascending: key.ascending, nullsFirst: key.nullsFirst)
            if result != 0 { return result < 0 }
        }
        return a < b
    }

    /// Moves cursor `index` past its head row, to its next batch, or out when its run ends.
    private mutating func advance(_ index: Int) {
        cursors[index].row += 1
        guard cursors[index].row >= cursors[index].batch.rowCount else { return }
        if let batch = cursors[index].reader.nextBatch() {
            cursors[index].batch = batch
            cursors[index].keyColumns = keys.map { ExpressionEvaluator.evaluate($0, on: batch) }
            cursors[index].row = 0
        } else {
            cursors.remove(at: index)
        }
    }
}
