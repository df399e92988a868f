import SluiceSpec

/// A deduplication whose keys outgrew the memory limit: the keys already output and the rows
/// still to come are hash-partitioned by key value into spill files, and each partition is
/// deduplicated on its own (its output keys loaded as seen first). Equal keys, nulls included,
/// share a partition, so each key still comes out once, as its first occurrence.
///
/// Rows come out partition by partition, in input order within each. A partition whose keys
/// are still over the limit is split again, with another hash seed, up to
/// `DistinctState.partitionLevels`; past that it is deduplicated in memory anyway. Each
/// partition's files are deleted once it is done.
final class PartitionedDistinct: @unchecked Sendable {
    /// The schema of the key batches: one column per key column, of its type.
    let keySchema: Schema
    private let keyColumns: [Int]
    private let options: EngineOptions
    private let level: Int
    private let outputKeys: SpillPartitions
    private let rows: SpillPartitions

    init(count: Int, level: Int, schema: Schema, keyColumns: [Int], options: EngineOptions) {
        self.keyColumns = keyColumns
        self.options = options
        self.level = level
        keySchema = Schema(keyColumns.indices.map { Field("key\($0)", schema.fields[keyColumns[$0]].type) })
        // Each level splits with its own seed, or a partition's keys would all land in one place again.
        let seed = KeyHashes.mix(0x6469_7374_696E_6300 &+ UInt64(level))
        outputKeys = SpillPartitions(count: count, schema: keySchema, seed: seed, options: options)
        rows = SpillPartitions(count: count, schema: schema, seed: seed, options: options)
    }

    /// Adds keys already output (a batch of `keySchema`) to their partitions.
    func addOutputKeys(_ keys: RecordBatch) throws(SluiceError) {
        try outputKeys.write(keys, keys: keys.columns)
    }

    /// Partitions the rest of the input by the same hash.
    func partitionRest(_ input: RecordBatchStream.NextBatch) async throws {
        try outputKeys.finish()
        while let batch = try await input() {
            try rows.write(batch, keys: keyColumns.map { batch.columns[$0] })
        }
        try rows.finish()
    }

    /// The next batch of rows with new keys, partition after partition; nil at the end.
    func next() async throws -> RecordBatch? {
        try await outputs.next()
    }

    /// Each partition deduplicated in turn, its keys output before loaded as seen.
    private lazy var outputs = PartitionOutputs(count: rows.count) { [unowned self] partition in
        let keys = try outputKeys.takeStream(partition)
        let input = try rows.takeStream(partition)
        guard rows.rowCounts[partition] > 0 else { return nil }
        let state = DistinctState(input: input.makeNextBatch(), schema: rows.schema, keyColumns: keyColumns, options: options,
                                  level: level + 1, inputBytes: rows.byteSizes[partition] + outputKeys.byteSizes[partition],
                                  alreadyOutput: keys.makeNextBatch())
        return { try await state.next() }
    }
}
