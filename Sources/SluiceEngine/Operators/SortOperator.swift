import SluiceSpec

/// Runs a `SortNode`: reads the whole input, orders the row numbers by the keys (a stable
/// sort, so ties keep input order), and emits the rows in that order.
///
/// The input is held in memory up to the engine's memory limit; beyond it, each full buffer
/// is sorted and spilled to a file as a run, and the runs are merged at the end.
enum SortOperator {
    static func apply(_ node: SortNode, to input: RecordBatchStream, options: EngineOptions = EngineOptions()) throws -> RecordBatchStream {
        let binder = ExpressionBinder(schema: input.schema)
        var keys: [BoundExpression] = []
        for key in node.keys {
            do { keys.append(try binder.bind(key.expression)) } catch { throw node.origin.locate(error) }
        }
        let bound = keys
        let order = node.keys
        return RecordBatchStream(schema: input.schema) {
            let state = SortState(input: input.makeNextBatch(), schema: input.schema, keys: bound, order: order, options: options)
            return { try await state.next() }
        }
    }
}

private final class SortState: @unchecked Sendable {
    let input: RecordBatchStream.NextBatch
    let schema: Schema
    let keys: [BoundExpression]
    let order: [SortNode.Key]
    let options: EngineOptions
    var output: [RecordBatch]?
    var merger: SortRunMerger?

    init(input: @escaping RecordBatchStream.NextBatch, schema: Schema, keys: [BoundExpression], order: [SortNode.Key],
         options: EngineOptions) {
        self.input = input
        self.schema = schema
        self.keys = keys
        self.order = order
        self.options = options
    }

    func next() async throws -> RecordBatch? {
        if output == nil && merger == nil {
            var batches: [RecordBatch] = []
            var bytes = 0
            var runs: [SpillFile] = []
            while let batch = try await input() {
                batches.append(batch)
                bytes += batch.byteSize
                if bytes > options.memoryLimit {
                    runs.append(try spill(batches))
                    batches = []
                    bytes = 0
                }
            }
            if runs.isEmpty {
                output = sort(batches.isEmpty ? RecordBatch.empty(schema) : RecordBatch.concatenate(batches, schema: schema))
            } else {
                if !batches.isEmpty { runs.append(try spill(batches)) }
                merger = try SortRunMerger(runs: runs, schema: schema, keys: keys, order: order)
            }
        }
        if merger != nil { return try merger!.next() }
        return output!.isEmpty ? nil : output!.removeFirst()
    }

    /// `batches`, sorted, written to a new spill file.
    private func spill(_ batches: [RecordBatch]) throws(SluiceError) -> SpillFile {
        let file = try SpillFile(directory: options.spillDirectory, schema: schema)
        for batch in sort(RecordBatch.concatenate(batches, schema: schema)) { try file.write(batch) }
        return file
    }

    private func sort(_ all: RecordBatch) -> [RecordBatch] {
        let columns = keys.map { ExpressionEvaluator.evaluate($0, on: all) }
        let comparators = zip(columns, order).map { RowComparator(column: $0, key: $1) }
        let rows = Array(0..<all.rowCount).sorted { a, b in
            let result = RowComparator.compare(comparators, a, b)
            return result != 0 ? result < 0 : a < b
        }
        let sorted = all.take(rows)
        return stride(from: 0, to: sorted.rowCount, by: RecordBatch.preferredRowCount).map {
            sorted.slice($0, min(RecordBatch.preferredRowCount, sorted.rowCount - $0))
        }
    }
}

/// Compares two rows of one key column: negative, zero or positive, nulls placed per the key.
struct RowComparator {
    let column: Column
    let ascending: Bool
    let nullsFirst: Bool

    init(column: Column, key: SortNode.Key) {
        self.column = column
        ascending = key.ascending
        nullsFirst = key.nullsFirst
    }

    /// Compares rows `a` and `b` by `comparators` in turn: the first difference decides.
    static func compare(_ comparators: [RowComparator], _ a: Int, _ b: Int) -> Int {
        for comparator in comparators {
            let result = comparator.compare(a, b)
            if result != 0 { return result }
        }
        return 0
    }

    func compare(_ a: Int, _ b: Int) -> Int {
        Self.compare(column, a, column, b, ascending: ascending, nullsFirst: nullsFirst)
    }

    /// Row `i` of `left` against row `j` of `right` (two columns of one type).
    static func compare(_ left: Column, _ i: Int, _ right: Column, _ j: Int, ascending: Bool, nullsFirst: Bool) -> Int {
        let aNull = left.isNull(i), bNull = right.isNull(j)
        if aNull || bNull {
            if aNull && bNull { return 0 }
            return aNull == nullsFirst ? -1 : 1
        }
        let result: Int
        switch (left.storage, right.storage) {
        case (.int32(let v), .int32(let w)): result = v[i] < w[j] ? -1 : v[i] > w[j] ? 1 : 0
        case (.int64(let v), .int64(let w)): result = v[i] < w[j] ? -1 : v[i] > w[j] ? 1 : 0
        case (.float64(let v), .float64(let w)): result = SparkFloatOrder.compare(v[i], w[j])
        case (.decimal(let v), .decimal(let w)): result = v[i] < w[j] ? -1 : v[i] > w[j] ? 1 : 0
        case (.boolean(let v), .boolean(let w)): result = v[i] == w[j] ? 0 : v[i] ? 1 : -1
        case (.string(let s), .string(let t)):
            let x = s.utf8(at: i), y = t.utf8(at: j)
            result = x.lexicographicallyPrecedes(y) ? -1 : y.lexicographicallyPrecedes(x) ? 1 : 0
        default:
            let x = left.value(at: i), y = right.value(at: j)
            result = ScalarOrdering.less(x, y) ? -1 : ScalarOrdering.less(y, x) ? 1 : 0
        }
        return ascending ? result : -result
    }
}
