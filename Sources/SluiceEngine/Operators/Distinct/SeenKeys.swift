import SluiceSpec

/// The distinct keys seen so far by a deduplication, with an estimate of their memory; used
/// by one consumer at a time. Nulls are equal to each other here, as in Spark's distinct.
final class SeenKeys: @unchecked Sendable {
    let types: [DataType]
    /// About how many bytes the keys take in memory (values, codes and hash slots).
    private(set) var estimatedBytes = 0
    private var encoders: [KeyColumnEncoder]
    private var table: GroupTable

    init(types: [DataType]) {
        self.types = types
        encoders = types.map { KeyColumnEncoder(type: $0) }
        table = GroupTable(width: types.count)
    }

    /// The number of distinct keys.
    var count: Int { table.count }

    /// The rows of the key `columns` whose key is new, in row order; they are now seen.
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
        if !kept.isEmpty {
            estimatedBytes += columns.reduce(0) { $0 + Self.bytes(of: $1, rows: kept) } + kept.count * (24 + 24 * columns.count)
        }
        return kept
    }

    /// About how many bytes the values of `rows` of `column` take.
    private static func bytes(of column: Column, rows: [Int]) -> Int {
        switch column.storage {
        case .boolean: rows.count
        case .int32: rows.count * 4
        case .int64, .float64: rows.count * 8
        case .decimal: rows.count * 16
        case .string(let storage): rows.reduce(0) { $0 + storage.offsets[$1 + 1] - storage.offsets[$1] } + rows.count * 8
        case .list, .structure: column.take(rows).byteSize
        }
    }

    /// Every key seen, one row each in the order first seen, as batches of `schema` (one
    /// column per key column, of its type).
    func keyBatches(schema: Schema) -> [RecordBatch] {
        stride(from: 0, to: count, by: RecordBatch.preferredRowCount).map { start in
            let end = min(count, start + RecordBatch.preferredRowCount)
            let columns = types.indices.map { column in
                var builder = ColumnBuilder(type: types[column], capacity: end - start)
                for group in start..<end { builder.append(encoders[column].value(of: table.code(group: group, column: column))) }
                return builder.finish()
            }
            return RecordBatch(schema: schema, columns: columns)
        }
    }
}
