import SluiceSpec

/// Runs a `JoinNode` as a hash join: the right input is read whole and indexed by its keys,
/// then each left batch probes the index. Null keys never match, as in SQL. Output columns:
/// the left input's, then the right input's (without keys merged by name); semi and anti
/// joins keep the left columns only.
///
/// While the right input fits in the engine's memory limit, rows come out in the left input's
/// order (each left row's matches in right-input order), then unmatched right rows. A right
/// input beyond the limit makes it a grace hash join: both inputs are hash-partitioned by key
/// into temporary files, and the partitions are joined one by one, so rows come out grouped
/// by partition instead; the files are deleted as each partition is done.
enum HashJoinOperator {
    static func apply(_ node: JoinNode, left: RecordBatchStream, right: RecordBatchStream,
                      options: EngineOptions = EngineOptions()) throws -> RecordBatchStream {
        let layout: JoinLayout
        do {
            layout = try JoinLayout(node: node, left: left.schema, right: right.schema)
        } catch {
            throw node.origin.locate(error)
        }
        return RecordBatchStream(schema: layout.schema) {
            let state = HashJoinState(layout: layout, type: node.type, left: left.makeNextBatch(), leftSchema: left.schema,
                                      right: right.makeNextBatch(), rightSchema: right.schema, options: options)
            return { try await state.next() }
        }
    }
}
