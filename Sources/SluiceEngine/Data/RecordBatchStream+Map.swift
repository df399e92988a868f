extension RecordBatchStream {
    /// A stream of `schema` whose batches are `transform` of this stream's; a nil result
    /// (a batch filtered away entirely) is skipped, and the next batch pulled instead.
    public func compactMap(schema: Schema, _ transform: @escaping @Sendable (RecordBatch) throws -> RecordBatch?) -> RecordBatchStream {
        let upstream = self
        return RecordBatchStream(schema: schema) {
            let next = upstream.makeNextBatch()
            return {
                while let batch = try await next() {
                    if let result = try transform(batch) { return result }
                }
                return nil
            }
        }
    }
}
