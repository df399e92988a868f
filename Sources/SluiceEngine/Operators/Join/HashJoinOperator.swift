import SluiceSpec

/// Runs a `JoinNode` as a hash join: the right input is read whole and indexed by its keys,
/// then each left batch probes the index. Null keys never match, as in SQL. Output columns:
/// the left input's, then the right input's (without keys merged by name); semi and anti
/// joins keep the left columns only.
enum HashJoinOperator {
    static func apply(_ node: JoinNode, left: RecordBatchStream, right: RecordBatchStream) throws -> RecordBatchStream {
        let layout: JoinLayout
        do {
            layout = try JoinLayout(node: node, left: left.schema, right: right.schema)
        } catch {
            throw node.origin.locate(error)
        }
        return RecordBatchStream(schema: layout.schema) {
            let state = JoinState(layout: layout, type: node.type, left: left.makeNextBatch(), right: right.makeNextBatch(),
                                  rightSchema: right.schema)
            return { try await state.next() }
        }
    }
}

/// The bound keys and the output columns of a join.
struct JoinLayout: Sendable {
    let leftKeys: [BoundExpression]
    let rightKeys: [BoundExpression]
    /// Right columns kept in the output.
    let rightKept: [Int]
    /// For keys merged by name: (left column, right column), so an unmatched right row still shows its key.
    let merged: [(left: Int, right: Int)]
    let leftWidth: Int
    let schema: Schema

    init(node: JoinNode, left: Schema, right: Schema) throws(SluiceError) {
        let leftBinder = ExpressionBinder(schema: left)
        let rightBinder = ExpressionBinder(schema: right)
        var leftKeys: [BoundExpression] = []
        var rightKeys: [BoundExpression] = []
        for (leftKey, rightKey) in zip(node.leftKeys, node.rightKeys) {
            let (l, lt) = try leftBinder.bindUntyped(leftKey)
            let (r, rt) = try rightBinder.bindUntyped(rightKey)
            guard let common = TypeCoercion.comparisonType(lt, rt) else {
                throw SluiceError(.typeMismatch, "cannot join \(leftKey) (\(lt?.sqlName ?? "NULL")) with \(rightKey) (\(rt?.sqlName ?? "NULL"))")
            }
            leftKeys.append(leftBinder.coerce(l, from: lt, to: common))
            rightKeys.append(rightBinder.coerce(r, from: rt, to: common))
        }
        let dropped = Set(node.mergedKeyNames.map { $0.lowercased() })
        rightKept = right.fields.indices.filter { !dropped.contains(right.fields[$0].name.lowercased()) }
        merged = node.mergedKeyNames.compactMap { name in
            guard let l = left.index(of: name), let r = right.index(of: name) else { return nil }
            return (l, r)
        }
        leftWidth = left.fields.count
        let keepsRight = node.type != .leftSemi && node.type != .leftAnti
        let nullableLeft = node.type == .right || node.type == .full
        let nullableRight = node.type == .left || node.type == .full
        var fields = left.fields.map { Field($0.name, $0.type, nullable: $0.nullable || nullableLeft) }
        if keepsRight { fields += rightKept.map { Field(right.fields[$0].name, right.fields[$0].type, nullable: right.fields[$0].nullable || nullableRight) } }
        var seen: [String: Int] = [:]
        for field in fields {
            seen[field.name.lowercased(), default: 0] += 1
            if seen[field.name.lowercased()] == 2 {
                throw SluiceError(.invalidValue, "both inputs of the join have a column named '\(field.name)'",
                                  hint: "rename or drop it on one side first (renameColumns, dropColumns), or join on it by name with joinColumn")
            }
        }
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        schema = Schema(fields)
    }
}

/// The index over the right input and the probing of left batches.
private final class JoinState: @unchecked Sendable {
    let layout: JoinLayout
    let type: JoinNode.JoinType
    let left: RecordBatchStream.NextBatch
    let right: RecordBatchStream.NextBatch
    let rightSchema: Schema
    var encoders: [KeyColumnEncoder]
    var table: GroupTable
    var rightRows: RecordBatch?
    /// Right rows by group, flattened: the rows of group `g` are `rows[starts[g] ..< starts[g + 1]]`.
    var starts: [Int] = [0]
    var rows: [Int] = []
    /// With one key the group is the key's code itself: no hashing on either side.
    var singleKey: Bool { layout.leftKeys.count == 1 }
    var matchedRight: [Bool] = []
    var finished = false

    init(layout: JoinLayout, type: JoinNode.JoinType, left: @escaping RecordBatchStream.NextBatch,
         right: @escaping RecordBatchStream.NextBatch, rightSchema: Schema) {
        self.layout = layout
        self.type = type
        self.left = left
        self.right = right
        self.rightSchema = rightSchema
        encoders = layout.leftKeys.map { KeyColumnEncoder(type: $0.type) }
        table = GroupTable(width: layout.leftKeys.count)
    }

    func next() async throws -> RecordBatch? {
        if rightRows == nil { try await build() }
        while let batch = try await left() {
            if let output = probe(batch) { return output }
        }
        if !finished, type == .right || type == .full {
            finished = true
            return unmatchedRight()
        }
        return nil
    }

    private func build() async throws {
        var batches: [RecordBatch] = []
        while let batch = try await right() { batches.append(batch) }
        let all = batches.isEmpty ? RecordBatch.empty(rightSchema) : RecordBatch.concatenate(batches, schema: rightSchema)
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

    private func probe(_ batch: RecordBatch) -> RecordBatch? {
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
            columns += layout.rightKept.map { rightRows!.columns[$0].take(nullable: rightIndices) }
        }
        return RecordBatch(schema: layout.schema, columns: columns)
    }

    /// Right rows no left row matched, with nulls on the left (merged keys show the right's value).
    private func unmatchedRight() -> RecordBatch? {
        let rows = matchedRight.indices.filter { !matchedRight[$0] }
        guard !rows.isEmpty, let all = rightRows else { return nil }
        var columns = layout.schema.fields.prefix(layout.leftWidth).map { Column.nulls($0.type, count: rows.count) }
        for (leftColumn, rightColumn) in layout.merged {
            columns[leftColumn] = CastKernel.cast(all.columns[rightColumn].take(rows), to: layout.schema.fields[leftColumn].type)
        }
        columns += layout.rightKept.map { all.columns[$0].take(rows) }
        return RecordBatch(schema: layout.schema, columns: columns)
    }
}
