/// Runs a `LimitNode`: passes batches until `count` rows went through, cuts the last one,
/// and then stops pulling its input.
enum LimitOperator {
    static func apply(_ node: LimitNode, to input: RecordBatchStream) -> RecordBatchStream {
        RecordBatchStream(schema: input.schema) {
            let next = input.makeNextBatch()
            let remaining = Remaining(node.count)
            return {
                guard remaining.value > 0, let batch = try await next() else { return nil }
                let take = min(batch.rowCount, remaining.value)
                remaining.value -= take
                return take == batch.rowCount ? batch : batch.slice(0, take)
            }
        }
    }
}

/// How many rows a limit still lets through; used by one consumer at a time.
private final class Remaining: @unchecked Sendable {
    var value: Int
    init(_ value: Int) { self.value = value }
}
