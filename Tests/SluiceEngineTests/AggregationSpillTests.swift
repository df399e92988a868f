import Foundation
@testable import SluiceEngine
import SluiceSpec
import Testing

/// Aggregations whose groups outgrow the memory limit stop adding groups and spill the rows of
/// new ones as hash partitions, aggregated one by one afterwards: every group comes out once,
/// with the values of the row-by-row result, and the spill files are gone afterwards.
@Suite struct AggregationSpillTests {
    func aggregate(_ rows: [[ScalarValue]], batchSize: Int, distinct: Bool = false, options: EngineOptions) async throws -> [[ScalarValue]] {
        var aggregates = try PartialAggregationTests.aggregates.map { name, function, argument, distinct in
            AggregateExpression(name: name, function: function, argument: try argument.map { try ExpressionParser.parse($0) }, distinct: distinct)
        }
        if distinct { aggregates.append(AggregateExpression(name: "ds", function: .count, argument: try ExpressionParser.parse("s"), distinct: true)) }
        let input = AggregateTests.source(rows, batchSize: batchSize)
        let node = AggregateNode(input: input, groupBy: [NamedExpression(name: "k", expression: .column(name: "k", qualifier: nil))],
                                 aggregates: aggregates, origin: PlanOrigin(stepIndex: 1, method: "aggregateData"))
        guard case .scan(let scan) = input else { throw SluiceError(.internalError, "not a scan") }
        let stream = try AggregateOperator.apply(node, to: try await scan.source.scan(), options: options)
        return try await stream.collect().flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
    }

    /// Runs the aggregation under `limit` and checks it against the row-by-row reference, group by group.
    func expectSpilledAggregationMatchesReference(_ rows: [[ScalarValue]], batchSize: Int, limit: Int, distinct: Bool = false) async throws {
        let directory = try JoinSpillTests.spillDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spilled = try await aggregate(rows, batchSize: batchSize, distinct: distinct,
                                          options: EngineOptions(memoryLimit: limit, spillDirectory: directory))
        var expected = PartialAggregationTests.reference(rows)
        if distinct {
            var sets: [ScalarValue: Set<ScalarValue>] = [:]
            for row in rows where row[3] != .null { sets[row[0], default: []].insert(row[3]) }
            expected = expected.map { $0 + [.int64(Int64(sets[$0[0]]?.count ?? 0))] }
        }
        #expect(Set(spilled.map { $0[0] }).count == spilled.count, "each group comes out once")
        let byKey = Dictionary(uniqueKeysWithValues: spilled.map { ($0[0], $0) })
        PartialAggregationTests().expectClose(expected.map { byKey[$0[0]] ?? [] }, expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "spill files are removed")
        // With no spill directory the same aggregation fails: it really spills.
        let missing = directory.appendingPathComponent("missing")
        await #expect(throws: SluiceError.self) {
            _ = try await aggregate(rows, batchSize: batchSize, distinct: distinct, options: EngineOptions(memoryLimit: limit, spillDirectory: missing))
        }
    }

    @Test func partialsMergedBeforeAndAfterTheLimitGiveTheReferenceGroups() async throws {
        // New keys keep coming (the key space grows along the input), a few thousand per batch.
        let rows = PartialAggregationTests.rows(60_000) { i in i % 97 == 0 ? .null : .string("k\((i * 7919) % (1_000 + i / 10))") }
        try await expectSpilledAggregationMatchesReference(rows, batchSize: 20_000, limit: 64 * 1024)
    }

    @Test func manyGroupsSplitTwiceGiveTheReferenceGroups() async throws {
        let rows = PartialAggregationTests.rows(50_000) { i in .string("key \((i * 104_729) % 20_000)") }
        try await expectSpilledAggregationMatchesReference(rows, batchSize: 4096, limit: 16 * 1024)
    }

    @Test func distinctAggregatesSpillWithTheirGroups() async throws {
        let rows = PartialAggregationTests.rows(40_000) { i in .string("k\((i * 31) % 15_000)") }
        try await expectSpilledAggregationMatchesReference(rows, batchSize: 4096, limit: 64 * 1024, distinct: true)
    }

    @Test func groupsOverTheLimitGoToTheSpillDirectory() async throws {
        let rows = PartialAggregationTests.rows(40_000) { i in .string("k\((i * 7919) % 20_000)") }
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-no-such-\(UUID().uuidString)")
        await #expect(throws: SluiceError.self) {
            _ = try await aggregate(rows, batchSize: 4096, options: EngineOptions(memoryLimit: 16 * 1024, spillDirectory: missing))
        }
        // Within the limit nothing is written, so the same missing directory does no harm.
        #expect(try await aggregate(rows, batchSize: 4096, options: EngineOptions(memoryLimit: 1 << 40, spillDirectory: missing)).count == 20_000)
    }
}
