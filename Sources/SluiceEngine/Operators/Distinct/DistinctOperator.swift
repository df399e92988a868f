import SluiceSpec

/// Runs a `DistinctNode`, streaming: a row is kept when its key (the chosen columns, or all)
/// has not been seen before, so the first occurrence wins and input order is kept. Nulls are
/// equal to each other here, as in Spark's distinct.
///
/// The keys seen are held in memory up to the engine's memory limit. Beyond it, the rows still
/// to come are hash-partitioned by key into temporary files (with the keys already output), and
/// each partition is deduplicated on its own: every key still comes out once, as its first
/// occurrence, but the rows after the spill come out partition by partition (in input order
/// within each) instead of in input order.
enum DistinctOperator {
    static func apply(_ node: DistinctNode, to input: RecordBatchStream, options: EngineOptions = EngineOptions()) throws -> RecordBatchStream {
        var keys: [Int] = []
        for name in node.columns ?? input.schema.names {
            guard let index = input.schema.index(of: name) else {
                throw node.origin.locate(ProjectOperator.unknown(name, in: input.schema.fields))
            }
            keys.append(index)
        }
        let columns = keys
        return RecordBatchStream(schema: input.schema) {
            let state = DistinctState(input: input.makeNextBatch(), schema: input.schema, keyColumns: columns, options: options)
            return { try await state.next() }
        }
    }
}
