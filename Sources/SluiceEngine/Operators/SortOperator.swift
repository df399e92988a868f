import SluiceSpec

/// Runs a `SortNode`: reads the whole input, orders the row numbers by the keys (a stable
/// sort, so ties keep input order), and emits the rows in that order.
///
/// The input is held in memory; sorting larger-than-memory inputs by spilling runs to disk
/// is still to come.
enum SortOperator {
    static func apply(_ node: SortNode, to input: RecordBatchStream) throws -> RecordBatchStream {
        let binder = ExpressionBinder(schema: input.schema)
        var keys: [BoundExpression] = []
        for key in node.keys {
            do { keys.append(try binder.bind(key.expression)) } catch { throw node.origin.locate(error) }
        }
        let bound = keys
        let order = node.keys
        return RecordBatchStream(schema: input.schema) {
            let state = SortState(input: input.makeNextBatch(), schema: input.schema, keys: bound, order: order)
            return { try await state.next() }
        }
    }
}

private final class SortState: @unchecked Sendable {
    let input: RecordBatchStream.NextBatch
    let schema: Schema
    let keys: [BoundExpression]
    let order: [SortNode.Key]
    var output: [RecordBatch]?

    init(input: @escaping RecordBatchStream.NextBatch, schema: Schema, keys: [BoundExpression], order: [SortNode.Key]) {
        self.input = input
        self.schema = schema
        self.keys = keys
        self.order = order
    }

    func next() async throws -> RecordBatch? {
        if output == nil {
            var batches: [RecordBatch] = []
            while let batch = try await input() { batches.append(batch) }
            output = sort(batches.isEmpty ? RecordBatch.empty(schema) : RecordBatch.concatenate(batches, schema: schema))
        }
        return output!.isEmpty ? nil : output!.removeFirst()
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
        let aNull = column.isNull(a), bNull = column.isNull(b)
        if aNull || bNull {
            if aNull && bNull { return 0 }
            return aNull == nullsFirst ? -1 : 1
        }
        let result: Int
        switch column.storage {
        case .int32(let v): result = v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : 0
        case .int64(let v): result = v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : 0
        case .float64(let v): result = v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : 0
        case .decimal(let v): result = v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : 0
        case .boolean(let v): result = v[a] == v[b] ? 0 : v[a] ? 1 : -1
        case .string(let s):
            let left = s.utf8(at: a), right = s.utf8(at: b)
            result = left.lexicographicallyPrecedes(right) ? -1 : right.lexicographicallyPrecedes(left) ? 1 : 0
        case .list, .structure:
            let left = column.value(at: a), right = column.value(at: b)
            result = ScalarOrdering.less(left, right) ? -1 : ScalarOrdering.less(right, left) ? 1 : 0
        }
        return ascending ? result : -result
    }
}
