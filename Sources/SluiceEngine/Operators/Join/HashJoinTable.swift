import SluiceSpec

/// The right (build) rows of a join indexed by their keys, and the probing of left batches
/// against them: all in memory. Null keys never match. A probe emits, for each left row in
/// order, its matches in right-input order; right rows no probe matched come out at the end
/// for right and full joins.
final class HashJoinTable: @unchecked Sendable {
    let layout: JoinLayout
    let type: JoinNode.JoinType
    private var encoders: [KeyColumnEncoder]
    private var table: GroupTable
    private let rightRows: RecordBatch
    /// Right rows by group, flattened: the rows of group `g` are `rows[starts[g] ..< starts[g + 1]]`.
    private var starts: [Int] = [0]
    private var rows: [Int] = []
    /// With one key the group is the key's code itself: no hashing on either side.
    private var singleKey: Bool { layout.leftKeys.count == 1 }
    private var matchedRight: [Bool] = []

    /// Indexes `rightRows`, every right row of the join (or of one partition of it).
    init(layout: JoinLayout, type: JoinNode.JoinType, rightRows all: RecordBatch) {
        self.layout = layout
        self.type = type
        encoders = layout.leftKeys.map { KeyColumnEncoder(type: $0.type) }
        table = GroupTable(width: layout.leftKeys.count)
        rightRows = all
        matchedRight = Array(repeating: false, count: all.rowCount)
        let codes = keyCodes(layout.rightKeys, all)
        let groups = singleKey ? codes[0] : table.groups(rows: all.rowCount, codes: codes)
        let groupCount = singleKey ? encoders[0].codeCount : table.count
        // Counting sort of the right rows by group; rows with a null key are left out.
        var counts = [Int](repeating: 0, count: groupCount + 1)
        let valid = (0..<all.rowCount).map { row in !codes.contains { $0[row] == 0 } }
        for row in 0..<all.rowCount where valid[row] { counts[Int(groups[row]) + 1] += 1 }
        for group in 0..<groupCount { counts[group + 1] += counts[group] }
        starts = counts
        var next = counts
        rows = [Int](repeating: 0, count: counts[groupCount])
        for row in 0..<all.rowCount where valid[row] {
            let group = Int(groups[row])
            rows[next[group]] = row
            next[group] += 1
        }
    }

    /// The right rows matching left row `row`, as a range of `rows`.
    @inline(__always)
    private func matches(_ row: Int, _ codes: [[Int32]], _ key: inout [Int32]) -> Range<Int> {
        if singleKey {
            let code = Int(codes[0][row])
            guard code != 0, code + 1 < starts.count else { return 0..<0 }
            return starts[code]..<starts[code + 1]
        }
        for column in codes.indices {
            if codes[column][row] == 0 { return 0..<0 }
            key[column] = codes[column][row]
        }
        guard let group = table.find(key) else { return 0..<0 }
        return starts[Int(group)]..<starts[Int(group) + 1]
    }

    private func keyCodes(_ keys: [BoundExpression], _ batch: RecordBatch) -> [[Int32]] {
        keys.indices.map { index in
            var codes: [Int32] = []
            codes.reserveCapacity(batch.rowCount)
            encoders[index].encode(ExpressionEvaluator.evaluate(keys[index], on: batch), into: &codes)
            return codes
        }
    }

    /// The output rows of left batch `batch`; nil when it gives none.
    func probe(_ batch: RecordBatch) -> RecordBatch? {
        let codes = keyCodes(layout.leftKeys, batch)
        var leftIndices: [Int] = []
        var rightIndices: [Int] = []
        var key = [Int32](repeating: 0, count: codes.count)
        leftIndices.reserveCapacity(batch.rowCount)
        rightIndices.reserveCapacity(batch.rowCount)
        let tracksRight = type == .right || type == .full
        for row in 0..<batch.rowCount {
            let found = matches(row, codes, &key)
            switch type {
            case .leftSemi: if !found.isEmpty { leftIndices.append(row) }
            case .leftAnti: if found.isEmpty { leftIndices.append(row) }
            case .left, .full:
                if found.isEmpty { leftIndices.append(row); rightIndices.append(-1) }
                fallthrough
            case .inner, .right:
                for position in found {
                    let match = rows[position]
                    leftIndices.append(row)
                    rightIndices.append(match)
                    if tracksRight { matchedRight[match] = true }
                }
            }
        }
        guard !leftIndices.isEmpty else { return nil }
        var columns = batch.columns.map { $0.take(leftIndices) }
        if type != .leftSemi && type != .leftAnti {
            columns += layout.rightKept.map { rightRows.columns[$0].take(nullable: rightIndices) }
        }
        return RecordBatch(schema: layout.schema, columns: columns)
    }

    /// Right rows no left row matched, with nulls on the left (merged keys show the right's value).
    func unmatchedRight() -> RecordBatch? {
        let rows = matchedRight.indices.filter { !matchedRight[$0] }
        guard !rows.isEmpty else { return nil }
        let all = rightRows
        var columns = layout.schema.fields.prefix(layout.leftWidth).map { Column.nulls($0.type, count: rows.count) }
        for (leftColumn, rightColumn) in layout.merged {
            columns[leftColumn] = CastKernel.cast(all.columns[rightColumn].take(rows), to: layout.schema.fields[leftColumn].type)
        }
        columns += layout.rightKept.map { all.columns[$0].take(rows) }
        return RecordBatch(schema: layout.schema, columns: columns)
    }
}
