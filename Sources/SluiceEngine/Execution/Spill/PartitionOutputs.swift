/// The output of spilled partitions, one partition after another: the work on a partition (the
/// join, deduplication or aggregation of its rows) is set up only once the previous one is
/// drained, so one partition's state is in memory at a time. `open` gives nil for a partition
/// that cannot produce rows.
final class PartitionOutputs: @unchecked Sendable {
    private let count: Int
    private let open: (Int) throws -> RecordBatchStream.NextBatch?
    private var nextPartition = 0
    private var current: RecordBatchStream.NextBatch?

    init(count: Int, open: @escaping (Int) throws -> RecordBatchStream.NextBatch?) {
        self.count = count
        self.open = open
    }

    /// The next batch of the current partition's output, moving on to the next partition as
    /// each runs out; nil after the last.
    func next() async throws -> RecordBatch? {
        while true {
            if let current, let batch = try await current() { return batch }
            current = nil
            guard nextPartition < count else { return nil }
            let partition = nextPartition
            nextPartition += 1
            current = try open(partition)
        }
    }
}
