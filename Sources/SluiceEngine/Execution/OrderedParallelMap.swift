import Foundation

/// Applies a transform to the batches of a stream on several cores at once, handing the
/// results out in the order of their inputs. At most `window` transforms are in flight, which
/// bounds memory; a nil result (a batch filtered away) is skipped.
public final class OrderedParallelMap<Output: Sendable>: @unchecked Sendable {
    private let upstream: RecordBatchStream.NextBatch
    private let transform: @Sendable (RecordBatch) throws -> Output?
    private let window: Int
    private var pending: [Task<Output?, any Error>] = []
    private var upstreamFinished = false

    public init(_ stream: RecordBatchStream, window: Int = ProcessInfo.processInfo.activeProcessorCount,
                _ transform: @escaping @Sendable (RecordBatch) throws -> Output?) {
        upstream = stream.makeNextBatch()
        self.transform = transform
        self.window = max(1, window)
    }

    deinit {
        for task in pending { task.cancel() }
    }

    /// The next result in input order, or nil when the input is exhausted. Called by one
    /// consumer at a time.
    public func next() async throws -> Output? {
        while true {
            while !upstreamFinished, pending.count < window {
                guard let batch = try await upstream() else {
                    upstreamFinished = true
                    break
                }
                let transform = self.transform
                pending.append(Task.detached { try transform(batch) })
            }
            guard !pending.isEmpty else { return nil }
            if let output = try await pending.removeFirst().value { return output }
        }
    }
}

extension RecordBatchStream {
    /// `compactMap(schema:_:)` run on several cores, results in input order.
    public func parallelCompactMap(schema: Schema, _ transform: @escaping @Sendable (RecordBatch) throws -> RecordBatch?) -> RecordBatchStream {
        let upstream = self
        return RecordBatchStream(schema: schema) {
            let map = OrderedParallelMap(upstream, transform)
            return { try await map.next() }
        }
    }
}
