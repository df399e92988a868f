import Foundation
@testable import SluiceEngine
import SluiceSpec
import Testing

/// Deduplication whose keys are larger than the memory limit spills them as hash partitions:
/// the rows kept are exactly the in-memory ones (each key's first occurrence, nulls equal to
/// nulls, 0.0 equal to -0.0), by some columns or all, and the spill files are gone afterwards.
@Suite struct DistinctSpillTests {
    static let schema = Schema([Field("id", .int64), Field("a", .int32), Field("b", .string), Field("c", .float64)])

    /// 40,000 rows: `a` over `spread` values, `b` over 7, `c` over 0.0, -0.0 and three more; some nulls in each.
    static func batches(spread: UInt64) -> [RecordBatch] {
        JoinSpillTests.batches(schema, rows: 40_000, seed: 0x2545_F491_4F6C_DD1D) { index, r in
            let c: [ScalarValue] = [.float64(0), .float64(-0.0), .float64(1.5), .float64(-2), .null]
            return [.int64(Int64(index)), r % 29 == 0 ? .null : .int32(Int32(r % spread)),
                    r % 31 == 0 ? .null : .string("value \((r >> 9) % 7)"), c[Int((r >> 17) % 5)]]
        }
    }

    func distinct(_ batches: [RecordBatch], columns: [String]?, options: EngineOptions) async throws -> [[ScalarValue]] {
        let schema = batches[0].schema
        let node = DistinctNode(input: .scan(ScanNode(source: DecimalAggregateTests.Rows(batch: batches[0]), origin: PlanOrigin(stepIndex: 0, method: "rows"))),
                                columns: columns, origin: PlanOrigin(stepIndex: 1, method: "deduplicate"))
        let stream = try DistinctOperator.apply(node, to: RecordBatchStream(schema: schema, batches: batches), options: options)
        return try await stream.collect().flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
    }

    /// Deduplication spilled (with `limit`) and in memory keep the same rows, and no file is left.
    func expectSpilledDistinctMatchesInMemory(_ batches: [RecordBatch], columns: [String]?, limit: Int) async throws {
        let directory = try JoinSpillTests.spillDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inMemory = try await distinct(batches, columns: columns, options: EngineOptions(memoryLimit: 1 << 40, spillDirectory: directory))
        let spilled = try await distinct(batches, columns: columns, options: EngineOptions(memoryLimit: limit, spillDirectory: directory))
        #expect(inMemory.count > 1_000)
        #expect(spilled.count == inMemory.count)
        #expect(JoinSpillTests.multiset(spilled) == JoinSpillTests.multiset(inMemory))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "spill files are removed")
    }

    @Test func someColumnsKeepTheInMemoryFirstOccurrences() async throws {
        // With `id` in the rows, equal multisets mean the very same rows (first occurrences) were kept.
        try await expectSpilledDistinctMatchesInMemory(Self.batches(spread: 5_000), columns: ["a", "b"], limit: 64 * 1024)
    }

    @Test func allColumnsKeepTheInMemoryRows() async throws {
        let batches = Self.batches(spread: 300).map { batch in
            RecordBatch(schema: Schema(Array(Self.schema.fields.dropFirst())), columns: Array(batch.columns.dropFirst()))
        }
        try await expectSpilledDistinctMatchesInMemory(batches, columns: nil, limit: 64 * 1024)
    }

    @Test func partitionsStillOverTheLimitAreSplitAgain() async throws {
        try await expectSpilledDistinctMatchesInMemory(Self.batches(spread: 20_000), columns: ["a", "c"], limit: 8 * 1024)
    }

    @Test func withinTheLimitRowsKeepInputOrder() async throws {
        let rows = try await distinct(Self.batches(spread: 5_000), columns: ["a", "b"], options: EngineOptions(memoryLimit: 1 << 40))
        let ids = rows.map { row -> Int64 in
            guard case .int64(let id) = row[0] else { return -1 }
            return id
        }
        #expect(ids == ids.sorted())
    }

    @Test func keysOverTheLimitGoToTheSpillDirectory() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-no-such-dir-\(UUID().uuidString)")
        do {
            _ = try await distinct(Self.batches(spread: 5_000), columns: ["a", "b"], options: EngineOptions(memoryLimit: 64 * 1024, spillDirectory: missing))
            Issue.record("a deduplication over the limit must write spill files")
        } catch let error as SluiceError {
            #expect(error.code == .io)
        }
    }
}
