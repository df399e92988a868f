/// A dataset in motion: record batches pulled one at a time.
///
/// Pull-based, so back-pressure is built in: a producer does work only when its consumer asks
/// for the next batch, and a filter/project pipeline holds one batch per operator.
public struct RecordBatchStream: AsyncSequence, Sendable {
    public typealias Element = RecordBatch

    /// A function that yields the next batch, or nil at the end.
    public typealias NextBatch = @Sendable () async throws -> RecordBatch?

    /// The schema every batch has.
    public let schema: Schema
    private let makeNext: @Sendable () -> NextBatch

    /// A stream whose iterators each call `makeNext()` once to get their own `next` function.
    public init(schema: Schema, makeNext: @escaping @Sendable () -> NextBatch) {
        self.schema = schema
        self.makeNext = makeNext
    }

    /// A stream over batches already in memory.
    public init(schema: Schema, batches: [RecordBatch]) {
        self.init(schema: schema) {
            let cursor = BatchCursor(batches)
            return { cursor.next() }
        }
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(next: makeNext())
    }

    /// A fresh `next` function over this stream, for operators that wrap a stream in another.
    public func makeNextBatch() -> NextBatch {
        makeNext()
    }

    /// Pulls batches by calling the stream's `next` function.
    public struct Iterator: AsyncIteratorProtocol {
        let next: NextBatch

        public mutating func next() async throws -> RecordBatch? {
            try await next()
        }
    }

    /// Every batch, in order (for tests and small data).
    public func collect() async throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        for try await batch in self { batches.append(batch) }
        return batches
    }
}

/// Hands out the batches of an array one by one, safely from any task.
private final class BatchCursor: @unchecked Sendable {
    private var batches: [RecordBatch]
    private var position = 0
    private let lock = NSLock()

    init(_ batches: [RecordBatch]) { self.batches = batches }

    func next() -> RecordBatch? {
        lock.lock(); defer { lock.unlock() }
        guard position < batches.count else { return nil }
        defer { position += 1 }
        return batches[position]
    }
}

import Foundation
