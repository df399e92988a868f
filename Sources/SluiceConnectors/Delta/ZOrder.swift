import SluiceEngine

/// Orders rows along a Z-order curve over several columns, so that rows close in every one
/// of them land in the same files (what OPTIMIZE ... ZORDER BY does): each column's values
/// become ranks, whose bits are interleaved into one key.
enum ZOrder {
    /// The row order of `batch` by the Z-order of `columns` (indices into the batch).
    static func permutation(_ batch: RecordBatch, columns: [Int]) -> [Int] {
        let rows = batch.rowCount
        guard rows > 1, !columns.isEmpty else { return Array(0..<rows) }
        let bits = max(1, 64 / columns.count)
        let ranks = columns.map { Self.ranks(of: batch.columns[$0], bits: bits) }
        var keys = [UInt64](repeating: 0, count: rows)
        for row in 0..<rows {
            var key: UInt64 = 0
            for bit in stride(from: bits - 1, through: 0, by: -1) {
                for column in ranks.indices {
                    key = key << 1 | ((ranks[column][row] >> UInt64(bit)) & 1)
                }
            }
            keys[row] = key
        }
        return (0..<rows).sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
    }

    /// Each row's rank among the column's distinct values (nulls first), scaled to `bits` bits.
    private static func ranks(of column: Column, bits: Int) -> [UInt64] {
        let values = (0..<column.count).map { column.value(at: $0) }
        let order = values.indices.sorted { precedes(values[$0], values[$1]) }
        var rank = [UInt64](repeating: 0, count: values.count)
        var distinct: UInt64 = 0
        for (position, row) in order.enumerated() {
            if position > 0, precedes(values[order[position - 1]], values[row]) { distinct += 1 }
            rank[row] = distinct
        }
        // Spread the ranks over the available bits, so every column weighs the same.
        let top = max(distinct, 1)
        let limit = bits >= 64 ? UInt64.max : (UInt64(1) << UInt64(bits)) - 1
        return rank.map { limit == UInt64.max ? $0 : UInt64(Double($0) / Double(top) * Double(limit)) }
    }

    private static func precedes(_ left: ScalarValue, _ right: ScalarValue) -> Bool {
        switch (left, right) {
        case (.null, .null): return false
        case (.null, _): return true
        case (_, .null): return false
        default: return (ScanPredicate.order(left, right) ?? 0) < 0
        }
    }
}
