import SluiceEngine
import SluiceSpec
import Testing

@Suite struct CacheTests {
    struct CountingSource: Source {
        let scans: Counter
        var summary: String { "counting" }
        func schema() async throws -> Schema { StreamTests.schema }
        func scan() async throws -> RecordBatchStream {
            _ = scans.increment()
            return RecordBatchStream(schema: StreamTests.schema, batches: [StreamTests.batch([1, 2, 3]), StreamTests.batch([4])])
        }
    }

    let origin = PlanOrigin(stepIndex: 1, method: "cache")

    @Test func aCachedDatasetIsComputedOnceForTwoReaders() async throws {
        let scans = Counter()
        let cached = LogicalPlan.cache(CacheNode(input: .scan(ScanNode(source: CountingSource(scans: scans), origin: origin)), origin: origin))
        let (_, first) = try await OperatorTests.rows(cached)
        let (_, second) = try await OperatorTests.rows(cached)
        #expect(first == second)
        #expect(first.count == 4)
        #expect(scans.value == 1)
    }

    @Test func anIncompleteReadDoesNotFillTheCache() async throws {
        let scans = Counter()
        let cached = LogicalPlan.cache(CacheNode(input: .scan(ScanNode(source: CountingSource(scans: scans), origin: origin)), origin: origin))
        let (_, limited) = try await OperatorTests.rows(.limit(LimitNode(input: cached, count: 2, origin: origin)))
        #expect(limited.count == 2)
        let (_, all) = try await OperatorTests.rows(cached)
        #expect(all.count == 4, "the limited read stopped early, so the next read computes the whole dataset")
        #expect(scans.value == 2)
    }
}
