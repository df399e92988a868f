/// Runs a `CacheNode`: replays the stored batches when a complete read filled the store;
/// otherwise passes the input through, recording it, and fills the store at its end.
enum CacheOperator {
    static func apply(_ node: CacheNode, input: () async throws -> RecordBatchStream) async throws -> RecordBatchStream {
        if let cached = node.store.cached, let schema = cached.first?.schema {
            return RecordBatchStream(schema: schema, batches: cached)
        }
        let upstream = try await input()
        return RecordBatchStream(schema: upstream.schema) {
            let next = upstream.makeNextBatch()
            let recorder = Recorder()
            return {
                if let batch = try await next() {
                    recorder.batches.append(batch)
                    return batch
                }
                node.store.fill(recorder.batches.isEmpty ? [RecordBatch.empty(upstream.schema)] : recorder.batches)
                return nil
            }
        }
    }
}

/// The batches read so far; used by one consumer at a time.
private final class Recorder: @unchecked Sendable {
    var batches: [RecordBatch] = []
}
