import SluiceSpec

/// Runs a `DistinctNode`, streaming: a row is kept when its key (the chosen columns, or all)
/// has not been seen before, so the first occurrence wins and input order is kept.
enum DistinctOperator {
    static func apply(_ node: DistinctNode, to input: RecordBatchStream) throws -> RecordBatchStream {
        var keys: [Int] = []
        for name in node.columns ?? input.schema.names {
            guard let index = input.schema.index(of: name) else {
                throw node.origin.locate(ProjectOperator.unknown(name, in: input.schema.fields))
            }
            keys.append(index)
        }
        let columns = keys
        return RecordBatchStream(schema: input.schema) {
            let next = input.makeNextBatch()
            let seen = SeenKeys(types: columns.map { input.schema.fields[$0].type })
            return {
                while let batch = try await next() {
                    let kept = seen.firstOccurrences(columns.map { batch.columns[$0] }, rows: batch.rowCount)
                    if kept.count == batch.rowCount { return batch }
                    if !kept.isEmpty { return batch.take(kept) }
                }
                return nil
            }
        }
    }
}

/// The keys seen so far; used by one consumer at a time.
private final class SeenKeys: @unchecked Sendable {
    var encoders: [KeyColumnEncoder]
    var table: GroupTable

    init(types: [DataType]) {
        encoders = types.map { KeyColumnEncoder(type: $0) }
        table = GroupTable(width: types.count)
    }

    /// The rows whose key is new; nulls are equal to each other here, as in Spark's distinct.
    func firstOccurrences(_ columns: [Column], rows: Int) -> [Int] {
        let before = table.count
        let codes = columns.indices.map { index in
            var codes: [Int32] = []
            codes.reserveCapacity(rows)
            encoders[index].encode(columns[index], into: &codes)
            return codes
        }
        let groups = table.groups(rows: rows, codes: codes)
        // Groups are numbered in order of first appearance, so the next new group is always `nextNew`.
        var nextNew = Int32(before)
        var kept: [Int] = []
        for row in 0..<rows where groups[row] == nextNew {
            kept.append(row)
            nextNew += 1
        }
        return kept
    }
}
