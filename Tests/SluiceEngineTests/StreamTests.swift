import SluiceEngine
import SluiceSpec
import Testing

@Suite struct StreamTests {
    static let schema = Schema([Field("n", .int64)])

    static func batch(_ values: [Int64]) -> RecordBatch {
        var builder = ColumnBuilder(type: .int64)
        values.forEach { builder.append($0) }
        return RecordBatch(schema: schema, columns: [builder.finish()])
    }

    @Test func streamYieldsBatchesInOrderAndCanBeReadTwice() async throws {
        let stream = RecordBatchStream(schema: Self.schema, batches: [Self.batch([1, 2]), Self.batch([3])])
        let first = try await stream.collect()
        let second = try await stream.collect()
        #expect(first.map(\.rowCount) == [2, 1])
        #expect(second.map(\.rowCount) == [2, 1], "each iteration starts over")
    }

    @Test func meteredStreamCountsRowsPerStep() async throws {
        let metrics = StepMetrics()
        let stream = RecordBatchStream(schema: Self.schema, batches: [Self.batch([1, 2, 3]), Self.batch([4])])
            .metered(step: 2, into: metrics)
        let batches = try await stream.collect()
        #expect(batches.count == 2)
        #expect(metrics.entry(step: 2).rowsOut == 4)
        #expect(metrics.entry(step: 0).rowsOut == 0)
    }

    @Test func streamIsPulledLazily() async throws {
        let produced = Counter()
        let stream = RecordBatchStream(schema: Self.schema) {
            return {
                let count = produced.increment()
                return count <= 3 ? Self.batch([Int64(count)]) : nil
            }
        }
        var iterator = stream.makeAsyncIterator()
        _ = try await iterator.next()
        #expect(produced.value == 1, "nothing is produced before it is asked for")
    }

    @Test func localEngineRefusesToRunAPlanWithoutAWrite() async throws {
        struct EmptySource: Source {
            var summary: String { "empty" }
            func schema() async throws -> Schema { StreamTests.schema }
            func scan() async throws -> RecordBatchStream { RecordBatchStream(schema: StreamTests.schema, batches: []) }
        }
        let plan = LogicalPlan.scan(ScanNode(source: EmptySource(), origin: PlanOrigin(stepIndex: 0, method: "test")))
        await #expect(throws: SluiceError.self) {
            _ = try await LocalEngine().stage(plan, metrics: StepMetrics())
        }
    }
}

/// A thread-safe counter for tests.
final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
}

import Foundation
