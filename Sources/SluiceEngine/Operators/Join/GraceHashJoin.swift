import SluiceSpec

/// A hash join whose right (build) input outgrew the memory limit, run as a grace hash join:
/// the right rows, then the left rows, are hash-partitioned by their key values (after
/// coercion to the common key type, so an INT key meets its equal BIGINT key) into spill
/// files, and each pair of partitions is joined on its own, with about 1/N of the right input
/// in memory. Equal keys share a partition, so every match is found; a row with a null key
/// lands in some partition, where it matches nothing but still comes out of a left, full or
/// anti join (left rows) or a right or full join (right rows), as in memory.
///
/// Rows come out partition by partition. A partition whose right side is still over the limit
/// is split again, with another hash seed, up to `HashJoinState.partitionLevels`; past that
/// (say, one key holding most of the rows, which no split can spread) it is joined in memory
/// anyway. Each partition's files are deleted once it is joined.
final class GraceHashJoin: @unchecked Sendable {
    private let layout: JoinLayout
    private let type: JoinNode.JoinType
    private let options: EngineOptions
    private let level: Int
    private let right: SpillPartitions
    private let left: SpillPartitions

    /// Starts partitioning: the right input's rows go to `count` partitions as they are added.
    init(layout: JoinLayout, type: JoinNode.JoinType, count: Int, level: Int, options: EngineOptions,
         leftSchema: Schema, rightSchema: Schema) {
        self.layout = layout
        self.type = type
        self.options = options
        self.level = level
        // Each level splits with its own seed: a partition's rows all share their hash's top
        // bits, so splitting them by the same hash again would put them all in one place.
        let seed = KeyHashes.mix(0x6772_6163_6500 &+ UInt64(level))
        right = SpillPartitions(count: count, schema: rightSchema, seed: seed, options: options)
        left = SpillPartitions(count: count, schema: leftSchema, seed: seed, options: options)
    }

    /// Adds right rows to their partitions.
    func addRight(_ batch: RecordBatch) throws(SluiceError) {
        try right.write(batch, keys: layout.rightKeys.map { ExpressionEvaluator.evaluate($0, on: batch) })
    }

    /// Partitions the whole left input the same way; call once every right row is added.
    func partitionLeft(_ input: RecordBatchStream.NextBatch) async throws {
        try right.finish()
        while let batch = try await input() {
            try left.write(batch, keys: layout.leftKeys.map { ExpressionEvaluator.evaluate($0, on: batch) })
        }
        try left.finish()
    }

    /// The next output batch, joining partition after partition; nil at the end.
    func next() async throws -> RecordBatch? {
        try await outputs.next()
    }

    /// Each pair of partitions joined in turn; a pair that cannot give rows for this join type is skipped.
    private lazy var outputs = PartitionOutputs(count: right.count) { [unowned self] partition in
        let leftRows = try left.takeStream(partition)
        let rightRows = try right.takeStream(partition)
        guard producesRows(left: left.rowCounts[partition], right: right.rowCounts[partition]) else { return nil }
        let join = HashJoinState(layout: layout, type: type, left: leftRows.makeNextBatch(), leftSchema: left.schema,
                                 right: rightRows.makeNextBatch(), rightSchema: right.schema, options: options,
                                 level: level + 1, rightBytes: right.byteSizes[partition])
        return { try await join.next() }
    }

    /// Whether a partition with these row counts can give any output row for this join type.
    private func producesRows(left: Int, right: Int) -> Bool {
        switch type {
        case .inner, .leftSemi: left > 0 && right > 0
        case .left, .leftAnti: left > 0
        case .right: right > 0
        case .full: left > 0 || right > 0
        }
    }
}
