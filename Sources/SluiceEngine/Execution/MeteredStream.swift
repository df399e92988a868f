import Foundation

extension RecordBatchStream {
    /// The same stream, counting its rows and the time spent producing them into `metrics`
    /// under step `stepIndex` (as the step's output).
    public func metered(step stepIndex: Int, into metrics: StepMetrics) -> RecordBatchStream {
        let upstream = self
        return RecordBatchStream(schema: schema) {
            let next = upstream.makeNextBatch()
            metrics.update(step: stepIndex) { $0.scans += 1 }
            return {
                let start = DispatchTime.now().uptimeNanoseconds
                let batch = try await next()
                let elapsed = DispatchTime.now().uptimeNanoseconds - start
                metrics.update(step: stepIndex) { entry in
                    entry.nanoseconds += elapsed
                    entry.rowsOut += batch?.rowCount ?? 0
                }
                return batch
            }
        }
    }
}
