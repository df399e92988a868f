import SluiceSpec

/// Hash-partitions record batches by key columns into `count` spill files, and reads each
/// partition back as a stream: the disk side of operators whose state outgrows the memory
/// limit (a grace hash join, deduplication).
///
/// A row goes to the partition its key values hash to (`KeyHashes`, with `seed`), so rows with
/// equal keys, nulls included, land in the same partition whichever input they come from, as
/// long as the key columns have one type. Partitioning two inputs with the same `count` and
/// `seed` lines their partitions up; a partition split again needs another seed. Within a
/// partition, rows keep the order they were written in.
///
/// Rows are buffered per partition and written in larger batches once the buffers pass about
/// a quarter of the memory limit. A file is created on a partition's first row, and deleted
/// once the partition's stream (and every iterator of it) is gone, or with this object.
///
/// Equal keys always share a partition, so one frequent key can keep a partition over the
/// limit however often it is split; the caller decides whether to split again or to process
/// it in memory anyway.
final class SpillPartitions: @unchecked Sendable {
    /// The schema of the batches written and read back.
    let schema: Schema
    /// The number of partitions.
    let count: Int
    /// The hash seed: equal for inputs that must line up, different at each level of splitting.
    let seed: UInt64
    /// Rows written to each partition so far.
    private(set) var rowCounts: [Int]
    /// Estimated bytes written to each partition so far (`RecordBatch.byteSize`).
    private(set) var byteSizes: [Int]
    private let options: EngineOptions
    private let flushBytes: Int
    private var files: [SpillFile?]
    private var buffered: [[RecordBatch]]
    private var bufferedRows: [Int]
    private var bufferedBytes = 0

    init(count: Int, schema: Schema, seed: UInt64, options: EngineOptions) {
        precondition(count > 0, "at least one partition")
        self.count = count
        self.schema = schema
        self.seed = seed
        self.options = options
        flushBytes = max(64 << 10, min(options.memoryLimit / 4, 32 << 20))
        rowCounts = Array(repeating: 0, count: count)
        byteSizes = Array(repeating: 0, count: count)
        files = Array(repeating: nil, count: count)
        buffered = Array(repeating: [], count: count)
        bufferedRows = Array(repeating: 0, count: count)
    }

    /// How many partitions to split `bytes` of build-side data into so each fits in
    /// `memoryLimit` with room to spare: a power of two from 2 to 64. Without a size
    /// (the input is still being read), 32.
    static func fanOut(bytes: Int?, memoryLimit: Int) -> Int {
        guard let bytes else { return 32 }
        let wanted = max(2, (bytes * 2 + memoryLimit - 1) / max(1, memoryLimit))
        return min(64, 1 << (Int.bitWidth - (wanted - 1).leadingZeroBitCount))
    }

    /// Adds the rows of `batch` to the partitions their values of `keys` (columns computed
    /// from `batch`, row for row) hash to.
    func write(_ batch: RecordBatch, keys: [Column]) throws(SluiceError) {
        guard batch.rowCount > 0 else { return }
        let hashes = KeyHashes.hashes(of: keys, rows: batch.rowCount, seed: seed)
        var rows = Array(repeating: [Int](), count: count)
        for row in 0..<batch.rowCount { rows[KeyHashes.partition(of: hashes[row], count: count)].append(row) }
        for partition in 0..<count where !rows[partition].isEmpty {
            let piece = rows[partition].count == batch.rowCount ? batch : batch.take(rows[partition])
            buffered[partition].append(piece)
            bufferedRows[partition] += piece.rowCount
            bufferedBytes += piece.byteSize
            rowCounts[partition] += piece.rowCount
            byteSizes[partition] += piece.byteSize
            if bufferedRows[partition] >= RecordBatch.preferredRowCount { try flush(partition) }
        }
        if bufferedBytes > flushBytes { try finish() }
    }

    /// Writes every buffered row to its file; call before reading partitions back.
    func finish() throws(SluiceError) {
        for partition in 0..<count { try flush(partition) }
    }

    /// Partition `partition`'s rows, in the order written. The partitions give up the file to
    /// the stream: it is deleted once the stream is gone, and a later write to this partition
    /// starts a new file.
    func takeStream(_ partition: Int) throws(SluiceError) -> RecordBatchStream {
        try flush(partition)
        let file = files[partition]
        files[partition] = nil
        let schema = schema
        return RecordBatchStream(schema: schema) {
            let cursor = SpillCursor(file: file)
            return { try cursor.next() }
        }
    }

    private func flush(_ partition: Int) throws(SluiceError) {
        guard !buffered[partition].isEmpty else { return }
        let batches = buffered[partition]
        let batch = batches.count == 1 ? batches[0] : RecordBatch.concatenate(batches, schema: schema)
        buffered[partition] = []
        bufferedRows[partition] = 0
        bufferedBytes -= batches.reduce(0) { $0 + $1.byteSize }
        if files[partition] == nil { files[partition] = try SpillFile(directory: options.spillDirectory, schema: schema) }
        try files[partition]!.write(batch)
    }
}

/// Reads one spill file's batches for one iterator; no file reads as empty.
private final class SpillCursor: @unchecked Sendable {
    private var file: SpillFile?
    private var reader: SpillReader?

    init(file: SpillFile?) {
        self.file = file
    }

    func next() throws(SluiceError) -> RecordBatch? {
        if reader == nil, let file {
            reader = try file.reader()
            self.file = nil
        }
        guard let batch = reader?.nextBatch() else {
            reader = nil
            return nil
        }
        return batch
    }
}
