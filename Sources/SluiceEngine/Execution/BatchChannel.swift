import Foundation

/// A bounded hand-off of batches between a producer task and a consumer: `send` waits while
/// `capacity` batches are queued (back-pressure), `receive` waits while none is. Closing it
/// (the consumer went away) releases a waiting producer, which then stops.
final class BatchChannel: @unchecked Sendable {
    typealias Item = Result<RecordBatch?, any Error>

    private let capacity: Int
    private let lock = NSLock()
    private var queue: [Item] = []
    private var closed = false
    private var waitingReceiver: CheckedContinuation<Item, Never>?
    private var waitingSender: CheckedContinuation<Bool, Never>?

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `item`; false once the channel is closed (the producer should stop).
    func send(_ item: Item) async -> Bool {
        while true {
            switch offer(item) {
            case .delivered: return true
            case .closed: return false
            case .full:
                let proceed = await withCheckedContinuation { waitForRoom($0) }
                if !proceed { return false }
            }
        }
    }

    /// The next item, waiting for the producer if needed.
    func receive() async -> Item {
        if let item = take() { return item }
        return await withCheckedContinuation { waitForItem($0) }
    }

    /// Stops the producer: pending and future sends return false.
    func close() {
        let sender = locked { () -> CheckedContinuation<Bool, Never>? in
            closed = true
            queue.removeAll()
            defer { waitingSender = nil }
            return waitingSender
        }
        sender?.resume(returning: false)
    }

    // MARK: - Locked steps (synchronous, so the lock is never held across a suspension)

    private enum Offer { case delivered, full, closed }

    private func offer(_ item: Item) -> Offer {
        let (result, receiver) = locked { () -> (Offer, CheckedContinuation<Item, Never>?) in
            if closed { return (.closed, nil) }
            if let receiver = waitingReceiver {
                waitingReceiver = nil
                return (.delivered, receiver)
            }
            if queue.count < capacity {
                queue.append(item)
                return (.delivered, nil)
            }
            return (.full, nil)
        }
        receiver?.resume(returning: item)
        return result
    }

    private func waitForRoom(_ continuation: CheckedContinuation<Bool, Never>) {
        let answer = locked { () -> Bool? in
            if closed { return false }
            if queue.count < capacity || waitingReceiver != nil { return true }
            waitingSender = continuation
            return nil
        }
        if let answer { continuation.resume(returning: answer) }
    }

    private func take() -> Item? {
        let (item, sender) = locked { () -> (Item?, CheckedContinuation<Bool, Never>?) in
            guard !queue.isEmpty else { return (nil, nil) }
            defer { waitingSender = nil }
            return (queue.removeFirst(), waitingSender)
        }
        sender?.resume(returning: true)
        return item
    }

    private func waitForItem(_ continuation: CheckedContinuation<Item, Never>) {
        let (item, sender) = locked { () -> (Item?, CheckedContinuation<Bool, Never>?) in
            defer { waitingSender = nil }
            if !queue.isEmpty { return (queue.removeFirst(), waitingSender) }
            waitingReceiver = continuation
            return (nil, waitingSender)
        }
        sender?.resume(returning: true)
        if let item { continuation.resume(returning: item) }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

extension RecordBatchStream {
    /// The same batches, produced ahead by a separate task (up to `depth` batches), so the
    /// producer's work (parsing, decoding) overlaps with the consumer's on another core.
    public func prefetched(depth: Int = 2) -> RecordBatchStream {
        let upstream = self
        return RecordBatchStream(schema: schema) {
            let channel = BatchChannel(capacity: depth)
            let next = upstream.makeNextBatch()
            let producer = Task.detached {
                while true {
                    let item: BatchChannel.Item
                    do { item = .success(try await next()) } catch { item = .failure(error) }
                    let delivered = await channel.send(item)
                    guard delivered, case .success(.some) = item else { return }
                }
            }
            let consumer = PrefetchConsumer(channel: channel, producer: producer)
            return { try await consumer.next() }
        }
    }
}

/// The consuming end of a prefetched stream; closes the channel when it is released, so an
/// abandoned stream does not leave its producer waiting.
private final class PrefetchConsumer: @unchecked Sendable {
    let channel: BatchChannel
    let producer: Task<Void, Never>
    private var finished = false

    init(channel: BatchChannel, producer: Task<Void, Never>) {
        self.channel = channel
        self.producer = producer
    }

    func next() async throws -> RecordBatch? {
        if finished { return nil }
        let item = await channel.receive()
        switch item {
        case .success(let batch):
            if batch == nil { finished = true }
            return batch
        case .failure(let error):
            finished = true
            throw error
        }
    }

    deinit {
        channel.close()
        producer.cancel()
    }
}
