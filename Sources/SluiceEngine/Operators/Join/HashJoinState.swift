import SluiceSpec

/// One run of a hash join: reads the right (build) input, then streams the left input through
/// it. While the right rows read so far fit in the memory limit, they are indexed in memory
/// (`HashJoinTable`) and the output follows the left input's order, with unmatched right rows
/// last. Once they pass the limit, the join goes on as a grace hash join (`GraceHashJoin`):
/// both inputs are partitioned by key onto disk and joined one partition at a time, so the
/// output comes partition by partition instead.
final class HashJoinState: @unchecked Sendable {
    /// Levels of partitioning: the join of a partition (level 1) may split its partition once
    /// more; a partition at the last level is joined in memory whatever its size.
    static let partitionLevels = 2

    let layout: JoinLayout
    let type: JoinNode.JoinType
    private let left: RecordBatchStream.NextBatch
    private let right: RecordBatchStream.NextBatch
    private let leftSchema: Schema
    private let rightSchema: Schema
    private let options: EngineOptions
    /// 0 for the whole join, 1 + the parent's for the join of one partition.
    private let level: Int
    /// The right input's size when known (a partition's), to choose how many ways to split it.
    private let rightBytes: Int?
    private var started = false
    private var table: HashJoinTable?
    /// Left batches probed on several cores, handed out in input order.
    private var probes: OrderedParallelMap<HashJoinTable.Probe>?
    private var partitioned: GraceHashJoin?
    private var finished = false

    init(layout: JoinLayout, type: JoinNode.JoinType, left: @escaping RecordBatchStream.NextBatch, leftSchema: Schema,
         right: @escaping RecordBatchStream.NextBatch, rightSchema: Schema, options: EngineOptions, level: Int = 0,
         rightBytes: Int? = nil) {
        self.layout = layout
        self.type = type
        self.left = left
        self.right = right
        self.leftSchema = leftSchema
        self.rightSchema = rightSchema
        self.options = options
        self.level = level
        self.rightBytes = rightBytes
    }

    /// The next output batch; nil at the end.
    func next() async throws -> RecordBatch? {
        if !started {
            started = true
            try await build()
        }
        if let partitioned { return try await partitioned.next() }
        guard let table else { return nil }
        if probes == nil {
            let left = self.left
            probes = OrderedParallelMap(RecordBatchStream(schema: leftSchema) { left }) { batch in table.probe(batch) }
        }
        while let probe = try await probes!.next() {
            table.markMatched(probe.matchedRight)
            if let output = probe.output { return output }
        }
        if !finished, type == .right || type == .full {
            finished = true
            return table.unmatchedRight()
        }
        return nil
    }

    /// Reads the right input into a `HashJoinTable`, or hands it over to a `GraceHashJoin`
    /// (with what was read so far) as soon as it passes the memory limit.
    private func build() async throws {
        var batches: [RecordBatch] = []
        var bytes = 0
        // Without keys every row would hash alike: partitioning could not split anything.
        let mayPartition = level < Self.partitionLevels && !layout.leftKeys.isEmpty
        while let batch = try await right() {
            if let partitioned {
                try partitioned.addRight(batch)
                continue
            }
            batches.append(batch)
            bytes += batch.byteSize
            if mayPartition, bytes > options.memoryLimit {
                let grace = GraceHashJoin(layout: layout, type: type,
                                          count: SpillPartitions.fanOut(bytes: rightBytes, memoryLimit: options.memoryLimit),
                                          level: level, options: options, leftSchema: leftSchema, rightSchema: rightSchema)
                // Hand the rows read so far over one batch at a time, so memory is freed as they go to disk.
                batches.reverse()
                while let read = batches.popLast() { try grace.addRight(read) }
                partitioned = grace
            }
        }
        if let partitioned {
            try await partitioned.partitionLeft(left)
            return
        }
        table = HashJoinTable(layout: layout, type: type,
                              rightRows: batches.isEmpty ? RecordBatch.empty(rightSchema) : RecordBatch.concatenate(batches, schema: rightSchema))
    }
}
