import SluiceEngine

/// Reads the ranges of a partitioned table read concurrently, at most `concurrency` at once
/// (one connection each), as one stream. Batches arrive in the order they are read, not in
/// range order; the first failing range fails the stream and cancels the others.
public enum ParallelRangeReader {
    /// Sends each batch of one range; returns false when the consumer has gone.
    public typealias Send = @Sendable (RecordBatch) async -> Bool

    /// A stream of `schema` whose iterator runs `read(index, send)` for every index in
    /// `0..<rangeCount`.
    public static func stream(
        schema: Schema,
        rangeCount: Int,
        concurrency: Int,
        read: @escaping @Sendable (Int, Send) async throws -> Void
    ) -> RecordBatchStream {
        RecordBatchStream(schema: schema) {
            let queue = BatchQueue(capacity: max(2, min(concurrency, rangeCount) * 2))
            let producer = Task {
                do {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        var running = 0
                        for index in 0..<rangeCount {
                            if running >= max(1, concurrency) {
                                try await group.next()
                                running -= 1
                            }
                            group.addTask { try await read(index) { await queue.send($0) } }
                            running += 1
                        }
                        try await group.waitForAll()
                    }
                    queue.finish(nil)
                } catch {
                    queue.finish(error)
                }
            }
            let consumer = RangeConsumer(queue: queue, producer: producer)
            return { try await consumer.next() }
        }
    }
}

/// The consuming end; closes the queue and cancels the readers when released early.
private final class RangeConsumer: @unchecked Sendable {
    let queue: BatchQueue
    let producer: Task<Void, Never>

    init(queue: BatchQueue, producer: Task<Void, Never>) {
        self.queue = queue
        self.producer = producer
    }

    func next() async throws -> RecordBatch? {
        switch await queue.receive() {
        case .batch(let batch): return batch
        case .end: return nil
        case .failure(let error): throw error
        }
    }

    deinit {
        queue.close()
        producer.cancel()
    }
}
