import SluiceSpec

/// The final aggregation: it folds in every part of its input on the first pull, then hands
/// out one row per group, in batches.
///
/// Groups stay in memory while they fit `EngineOptions.memoryLimit`. Beyond it, no group is
/// added any more (a hybrid hash aggregation): rows of the groups already held are still
/// folded in, and the others go to hash partitions on disk (`SpillPartitions`) by their
/// keys. The groups in memory are then complete and come out first, in order of first
/// appearance; each partition is aggregated afterwards on its own, the same way, one level
/// deeper. A partition at the last level is aggregated in memory whatever its size (one key
/// too frequent to split lands in a single partition however often it is split).
final class AggregationState: @unchecked Sendable {
    /// Levels of partitioning: a partition (level 1) may be split once more.
    static let partitionLevels = 2

    /// Where the parts of the input come from: the next one, or nil at the end.
    typealias NextPart = @Sendable () async throws -> AggregationPart?

    private let aggregation: BoundAggregation
    private let options: EngineOptions
    private let level: Int
    /// Told when groups stop being added, so later batches come as rows rather than partials.
    private let bypass: SharedFlag?
    /// The input's size when known (a partition's), to choose how many ways to split it.
    private let inputBytes: Int?
    private var grouped: GroupedAggregation
    private var partitions: SpillPartitions?
    private var output: [RecordBatch] = []
    private var folded = false
    /// The partitions' output, once every part is folded in.
    private var spilled: PartitionOutputs?

    init(_ aggregation: BoundAggregation, options: EngineOptions, level: Int = 0, bypass: SharedFlag? = nil,
         inputBytes: Int? = nil) {
        self.aggregation = aggregation
        self.options = options
        self.level = level
        self.bypass = bypass
        self.inputBytes = inputBytes
        grouped = GroupedAggregation(aggregation)
    }

    /// The next batch of the result; nil at the end.
    func next(_ parts: NextPart) async throws -> RecordBatch? {
        if !folded {
            while let part = try await parts() { try add(part) }
            try partitions?.finish()
            spilled = partitions.map(partitionOutputs)
            partitions = nil
            output = grouped.finish(schema: aggregation.schema)
            grouped = GroupedAggregation(aggregation)
            folded = true
        }
        if !output.isEmpty { return output.removeFirst() }
        return try await spilled?.next()
    }

    /// Each partition aggregated in turn, from its spilled rows.
    private func partitionOutputs(_ partitions: SpillPartitions) -> PartitionOutputs {
        let aggregation = aggregation, options = options, level = level
        return PartitionOutputs(count: partitions.count) { partition in
            let stream = try partitions.takeStream(partition).makeNextBatch()
            let state = AggregationState(aggregation, options: options, level: level + 1, inputBytes: partitions.byteSizes[partition])
            let parts: NextPart = { try await stream().map { .rows(AggregationInput(spilled: $0, aggregation)) } }
            return { try await state.next(parts) }
        }
    }

    private func add(_ part: AggregationPart) throws {
        switch part {
        case .partial(let partial):
            // A partial already in flight when groups stopped being added still goes in whole.
            grouped.merge(partial)
        case .rows(let rows):
            if let partitions { try split(rows, into: partitions) } else { grouped.add(keys: rows.keys, arguments: rows.arguments, rows: rows.rowCount) }
        }
        if partitions == nil, level < Self.partitionLevels, !aggregation.keys.isEmpty, grouped.estimatedBytes > options.memoryLimit {
            bypass?.raise()
            partitions = SpillPartitions(count: SpillPartitions.fanOut(bytes: inputBytes, memoryLimit: options.memoryLimit),
                                         schema: AggregationInput.spillSchema(aggregation), seed: KeyHashes.mix(0x6167_6772_6567_6100 &+ UInt64(level)),
                                         options: options)
        }
    }

    /// Folds the rows of groups in memory into them, and writes the others to their partitions.
    private func split(_ rows: AggregationInput, into partitions: SpillPartitions) throws {
        let groups = grouped.existingGroups(keys: rows.keys, rows: rows.rowCount)
        let present = groups.indices.filter { groups[$0] >= 0 }
        if present.count == rows.rowCount {
            grouped.accumulate(groups: groups, arguments: rows.arguments, rows: rows.rowCount)
            return
        }
        if !present.isEmpty {
            grouped.accumulate(groups: present.map { groups[$0] }, arguments: rows.arguments.map { $0?.take(present) }, rows: present.count)
        }
        let missing = groups.indices.filter { groups[$0] < 0 }
        let spilled = rows.spillBatch(aggregation).take(missing)
        try partitions.write(spilled, keys: Array(spilled.columns.prefix(rows.keys.count)))
    }
}

extension AggregationInput {
    /// The columns rows are spilled with: the keys, then each aggregate's argument (none for `count(*)`).
    static func spillSchema(_ aggregation: BoundAggregation) -> Schema {
        Schema(aggregation.keys.enumerated().map { Field("key\($0)", $1.type) }
            + aggregation.arguments.enumerated().compactMap { index, argument in argument.map { Field("argument\(index)", $0.type) } })
    }

    /// These rows as spilled: their keys and arguments as one batch.
    func spillBatch(_ aggregation: BoundAggregation) -> RecordBatch {
        RecordBatch(schema: Self.spillSchema(aggregation), columns: keys + arguments.compactMap { $0 })
    }

    /// Rows read back from a spill file.
    init(spilled batch: RecordBatch, _ aggregation: BoundAggregation) {
        keys = Array(batch.columns.prefix(aggregation.keys.count))
        var next = aggregation.keys.count
        arguments = aggregation.arguments.map { argument in
            guard argument != nil else { return nil }
            defer { next += 1 }
            return batch.columns[next]
        }
        rowCount = batch.rowCount
    }
}
