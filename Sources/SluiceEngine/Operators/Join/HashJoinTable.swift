import SluiceSpec

/// The right (build) rows of a join indexed by their keys, and the probing of left batches
/// against them: all in memory. Null keys never match. A probe emits, for each left row in
/// order, its matches in right-input order; right rows no probe matched come out at the end
/// for right and full joins. Probing only reads the index, so left batches may be probed on
/// several cores at once; the right rows they matched are marked afterwards, one batch at a time.
final class HashJoinTable: @unchecked Sendable {
    let layout: JoinLayout
    let type: JoinNode.JoinType
    private var encoders: [KeyColumnEncoder]
    private var table: GroupTable
    private let rightRows: RecordBatch
    /// Right rows by slot, flattened: the rows of slot `s` are `rows[starts[s] ..< starts[s + 1]]`.
    /// A slot is the key's group (its code, with one key), or its offset in a dense integer range.
    private var starts: [Int] = [0]
    private var rows: [Int] = []
    /// Set when the one key is an integer column dense enough to index by value.
    private var dense: DenseKeyRange?
    /// When no slot holds two right rows (unique keys, as dimension tables have): each slot's
    /// row, -1 for none; inner and left joins then probe with one lookup per row.
    private var uniqueRows: [Int32]?
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
        // The slot of each right row; -1 (a null key) is left out.
        let slots: [Int32]
        let slotCount: Int
        let singleColumn = singleKey ? ExpressionEvaluator.evaluate(layout.rightKeys[0], on: all) : nil
        if let singleColumn, let range = DenseKeyRange(singleColumn) {
            dense = range
            slots = range.slots(of: singleColumn)
            slotCount = range.count
        } else {
            let codes = layout.rightKeys.indices.map { index in
                var codes: [Int32] = []
                codes.reserveCapacity(all.rowCount)
                encoders[index].encode(singleColumn ?? ExpressionEvaluator.evaluate(layout.rightKeys[index], on: all), into: &codes)
                return codes
            }
            let groups = singleKey ? codes[0] : table.groups(rows: all.rowCount, codes: codes)
            slots = (0..<all.rowCount).map { row in codes.contains { $0[row] == 0 } ? -1 : groups[row] }
            slotCount = singleKey ? encoders[0].codeCount : table.count
        }
        // Counting sort of the right rows by slot.
        var counts = [Int](repeating: 0, count: slotCount + 1)
        for slot in slots where slot >= 0 { counts[Int(slot) + 1] += 1 }
        for slot in 0..<slotCount { counts[slot + 1] += counts[slot] }
        starts = counts
        var next = counts
        rows = [Int](repeating: 0, count: counts[slotCount])
        for (row, slot) in slots.enumerated() where slot >= 0 {
            rows[next[Int(slot)]] = row
            next[Int(slot)] += 1
        }
        if (0..<slotCount).allSatisfy({ counts[$0 + 1] - counts[$0] <= 1 }), all.rowCount <= Int(Int32.max) {
            var unique = [Int32](repeating: -1, count: slotCount)
            for (row, slot) in slots.enumerated() where slot >= 0 { unique[Int(slot)] = Int32(row) }
            uniqueRows = unique
        }
    }

    /// The slot of each row of a left batch, -1 where no right row can match. Left keys are
    /// looked up among the right's values, never added: the index stays read-only.
    private func probeSlots(_ batch: RecordBatch) -> [Int32] {
        let columns = layout.leftKeys.map { ExpressionEvaluator.evaluate($0, on: batch) }
        if let dense { return dense.slots(of: columns[0]) }
        let codes = columns.indices.map { encoders[$0].existingCodes(columns[$0]) }
        if singleKey { return codes[0].map { $0 > 0 ? $0 : -1 } }
        var key = [Int32](repeating: 0, count: codes.count)
        return (0..<batch.rowCount).map { row in
            for column in codes.indices {
                if codes[column][row] <= 0 { return -1 }
                key[column] = codes[column][row]
            }
            return table.find(key) ?? -1
        }
    }

    /// What probing one left batch gives: its output rows (nil when none), and the right rows
    /// it matched, for right and full joins to mark (`markMatched`).
    struct Probe: Sendable {
        let output: RecordBatch?
        let matchedRight: [Int]
    }

    /// The output rows of left batch `batch`, and the right rows they matched.
    func probe(_ batch: RecordBatch) -> Probe {
        let slots = probeSlots(batch)
        if let uniqueRows, type == .inner || type == .left { return probeUnique(batch, slots, uniqueRows) }
        var leftIndices: [Int] = []
        var rightIndices: [Int] = []
        var matched: [Int] = []
        leftIndices.reserveCapacity(batch.rowCount)
        rightIndices.reserveCapacity(batch.rowCount)
        let tracksRight = type == .right || type == .full
        // Locals, so the loop reads the arrays without the class's exclusivity checks.
        let starts = self.starts, rows = self.rows, type = self.type
        for row in 0..<batch.rowCount {
            let slot = Int(slots[row])
            let found = slot < 0 ? 0..<0 : starts[slot]..<starts[slot + 1]
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
                    if tracksRight { matched.append(match) }
                }
            }
        }
        guard !leftIndices.isEmpty else { return Probe(output: nil, matchedRight: matched) }
        var columns = batch.columns.map { $0.take(leftIndices) }
        if type != .leftSemi && type != .leftAnti {
            columns += layout.rightKept.map { rightRows.columns[$0].take(nullable: rightIndices) }
        }
        return Probe(output: RecordBatch(schema: layout.schema, columns: columns), matchedRight: matched)
    }

    /// `probe` for an inner or left join whose right keys are unique: one lookup per left row.
    private func probeUnique(_ batch: RecordBatch, _ slots: [Int32], _ unique: [Int32]) -> Probe {
        var leftIndices: [Int] = []
        var rightIndices: [Int] = []
        leftIndices.reserveCapacity(batch.rowCount)
        rightIndices.reserveCapacity(batch.rowCount)
        let keepsUnmatched = type == .left
        unique.withUnsafeBufferPointer { unique in
            for row in 0..<batch.rowCount {
                let slot = Int(slots[row])
                let match = slot < 0 ? -1 : Int(unique[slot])
                if match >= 0 || keepsUnmatched {
                    leftIndices.append(row)
                    rightIndices.append(match)
                }
            }
        }
        guard !leftIndices.isEmpty else { return Probe(output: nil, matchedRight: []) }
        let columns = batch.columns.map { $0.take(leftIndices) } + layout.rightKept.map { rightRows.columns[$0].take(nullable: rightIndices) }
        return Probe(output: RecordBatch(schema: layout.schema, columns: columns), matchedRight: [])
    }

    /// Records right rows a probe matched, so `unmatchedRight` leaves them out.
    func markMatched(_ rows: [Int]) {
        for row in rows { matchedRight[row] = true }
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
