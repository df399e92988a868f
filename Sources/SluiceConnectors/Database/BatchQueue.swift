import Foundation
import SluiceEngine

/// A bounded queue of batches between several producer tasks and one consumer: `send`
/// waits while `capacity` batches are queued (back-pressure), `receive` waits while none is.
/// The first failure is delivered at once; `close()` (the consumer went away) releases every
/// waiting producer, which then stops.
final class BatchQueue: @unchecked Sendable {
    /// What `receive` hands out.
    enum Item {
        case batch(RecordBatch)
        case end
        case failure(any Error)
    }

    private let capacity: Int
    private let lock = NSLock()
    private var buffer: [RecordBatch] = []
    private var outcome: Result<Void, any Error>?
    private var closed = false
    private var receiver: CheckedContinuation<Item, Never>?
    private var senders: [CheckedContinuation<Bool, Never>] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `batch`; false once the consumer has gone (the producer should stop).
    func send(_ batch: RecordBatch) async -> Bool {
        while true {
            switch offer(batch) {
            case .delivered: return true
            case .stopped: return false
            case .full:
                let proceed = await withCheckedContinuation { waitForRoom($0) }
                if !proceed { return false }
            }
        }
    }

    private enum Offer { case delivered, full, stopped }

    private func offer(_ batch: RecordBatch) -> Offer {
        lock.lock()
        if closed || outcome != nil { lock.unlock(); return .stopped }
        if let waiting = receiver {
            receiver = nil
            lock.unlock()
            waiting.resume(returning: .batch(batch))
            return .delivered
        }
        if buffer.count < capacity {
            buffer.append(batch)
            lock.unlock()
            return .delivered
        }
        lock.unlock()
        return .full
    }

    private func waitForRoom(_ continuation: CheckedContinuation<Bool, Never>) {
        lock.lock()
        if closed || outcome != nil {
            lock.unlock()
            continuation.resume(returning: false)
        } else if buffer.count < capacity || receiver != nil {
            lock.unlock()
            continuation.resume(returning: true)
        } else {
            senders.append(continuation)
            lock.unlock()
        }
    }

    /// Ends the stream: after the queued batches when `error` is nil, at once otherwise.
    func finish(_ error: (any Error)?) {
        lock.lock()
        guard outcome == nil || error != nil, !isFailed else { lock.unlock(); return }
        outcome = error.map { .failure($0) } ?? .success(())
        if error != nil { buffer.removeAll() }
        let waiting = buffer.isEmpty ? receiver : nil
        if waiting != nil { receiver = nil }
        let released = senders
        senders.removeAll()
        lock.unlock()
        released.forEach { $0.resume(returning: false) }
        waiting?.resume(returning: error.map { .failure($0) } ?? .end)
    }

    /// The next batch, the end, or the failure.
    func receive() async -> Item {
        await withCheckedContinuation { (continuation: CheckedContinuation<Item, Never>) in
            lock.lock()
            if !buffer.isEmpty {
                let batch = buffer.removeFirst()
                let sender = senders.isEmpty ? nil : senders.removeFirst()
                lock.unlock()
                sender?.resume(returning: true)
                continuation.resume(returning: .batch(batch))
                return
            }
            switch outcome {
            case .success?:
                lock.unlock()
                continuation.resume(returning: .end)
            case .failure(let error)?:
                lock.unlock()
                continuation.resume(returning: .failure(error))
            case nil:
                receiver = continuation
                lock.unlock()
            }
        }
    }

    /// The consumer is gone: queued batches are dropped and producers stop.
    func close() {
        lock.lock()
        closed = true
        buffer.removeAll()
        let released = senders
        senders.removeAll()
        lock.unlock()
        released.forEach { $0.resume(returning: false) }
    }

    private var isFailed: Bool {
        if case .failure? = outcome { return true }
        return false
    }
}
