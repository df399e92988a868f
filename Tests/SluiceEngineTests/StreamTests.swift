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

@Suite struct PrefetchTests {
    static func numbers(_ count: Int, failAt: Int? = nil) -> RecordBatchStream {
        RecordBatchStream(schema: StreamTests.schema) {
            let counter = Counter()
            return {
                let index = counter.increment()
                if index == failAt { throw SluiceError(.malformedData, "bad batch \(index)") }
                return index <= count ? StreamTests.batch([Int64(index)]) : nil
            }
        }
    }

    @Test func prefetchingKeepsEveryBatchInOrder() async throws {
        let batches = try await Self.numbers(50).prefetched(depth: 3).collect()
        #expect(batches.map { $0.row(0)[0] } == (1...50).map { .int64(Int64($0)) })
    }

    @Test func prefetchingPassesErrorsThroughAtTheirPlace() async throws {
        var seen: [ScalarValue] = []
        do {
            for try await batch in Self.numbers(10, failAt: 4).prefetched() { seen.append(batch.row(0)[0]) }
            Issue.record("the error must reach the consumer")
        } catch let error as SluiceError {
            #expect(error.message == "bad batch 4")
        }
        #expect(seen == [.int64(1), .int64(2), .int64(3)])
    }

    @Test func anAbandonedPrefetchedStreamDoesNotHang() async throws {
        var iterator = Self.numbers(1000).prefetched(depth: 1).makeAsyncIterator()
        #expect(try await iterator.next()?.row(0)[0] == .int64(1))
        // Dropping the iterator closes the channel; the producer must stop rather than wait forever.
    }
}
