import SluiceSpec

/// One run of a deduplication: streams the input, keeping each row whose key is new. While
/// the keys seen fit in the memory limit they stay in memory and rows come out in input
/// order. Once they pass it, the keys seen so far and the rest of the input go to disk as
/// hash partitions (`PartitionedDistinct`), and the rest comes out partition by partition.
final class DistinctState: @unchecked Sendable {
    /// Levels of partitioning: the deduplication of a partition (level 1) may split it once
    /// more; a partition at the last level is deduplicated in memory whatever its size.
    static let partitionLevels = 2

    private let input: RecordBatchStream.NextBatch
    private let schema: Schema
    private let keyColumns: [Int]
    private let options: EngineOptions
    /// 0 for the whole input, 1 + the parent's for one partition.
    private let level: Int
    /// The input's size when known (a partition's), to choose how many ways to split it.
    private let inputBytes: Int?
    /// Keys output before (by the parent, for a partition): loaded as seen before any row is read.
    private var alreadyOutput: RecordBatchStream.NextBatch?
    private var seen: SeenKeys?
    private var partitioned: PartitionedDistinct?
    private var partitionedInputRead = false

    /// `alreadyOutput`, when given, yields batches of key columns only (one per entry of
    /// `keyColumns`): keys that count as seen from the start.
    init(input: @escaping RecordBatchStream.NextBatch, schema: Schema, keyColumns: [Int], options: EngineOptions,
         level: Int = 0, inputBytes: Int? = nil, alreadyOutput: RecordBatchStream.NextBatch? = nil) {
        self.input = input
        self.schema = schema
        self.keyColumns = keyColumns
        self.options = options
        self.level = level
        self.inputBytes = inputBytes
        self.alreadyOutput = alreadyOutput
        seen = SeenKeys(types: keyColumns.map { schema.fields[$0].type })
    }

    /// The next batch of rows with new keys; nil at the end.
    func next() async throws -> RecordBatch? {
        if let alreadyOutput, let seen {
            self.alreadyOutput = nil
            while let keys = try await alreadyOutput() { _ = seen.firstOccurrences(keys.columns, rows: keys.rowCount) }
        }
        if let seen {
            while let batch = try await input() {
                let kept = seen.firstOccurrences(keyColumns.map { batch.columns[$0] }, rows: batch.rowCount)
                guard !kept.isEmpty else { continue }
                if level < Self.partitionLevels, !keyColumns.isEmpty, seen.estimatedBytes > options.memoryLimit { try spill(seen) }
                return kept.count == batch.rowCount ? batch : batch.take(kept)
            }
            return nil
        }
        guard let partitioned else { return nil }
        if !partitionedInputRead {
            partitionedInputRead = true
            try await partitioned.partitionRest(input)
        }
        return try await partitioned.next()
    }

    /// Moves the keys seen to disk; the rest of the input will be partitioned after them.
    private func spill(_ keys: SeenKeys) throws(SluiceError) {
        let spilled = PartitionedDistinct(count: SpillPartitions.fanOut(bytes: inputBytes, memoryLimit: options.memoryLimit),
                                          level: level, schema: schema, keyColumns: keyColumns, options: options)
        for batch in keys.keyBatches(schema: spilled.keySchema) { try spilled.addOutputKeys(batch) }
        seen = nil
        partitioned = spilled
    }
}
