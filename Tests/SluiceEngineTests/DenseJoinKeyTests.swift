import Foundation
@testable import SluiceEngine
import SluiceSpec
import Testing

/// Joins on one integer key index the right rows by value when the values are dense, and hash
/// them otherwise; both give the rows of a nested-loop join, for every join type, with
/// negative keys, nulls, duplicates and left keys outside the right's range.
@Suite struct DenseJoinKeyTests {
    static let leftSchema = Schema([Field("id", .int64), Field("k", .int32)])
    static let rightSchema = Schema([Field("rk", .int64), Field("rid", .int64)])

    static func batches(_ schema: Schema, _ rows: [[ScalarValue]]) -> [RecordBatch] {
        stride(from: 0, to: rows.count, by: 700).map { RecordBatch.of(schema, rows: Array(rows[$0..<min(rows.count, $0 + 700)])) }
    }

    static func keyColumn(_ right: [[ScalarValue]]) -> Column {
        var builder = ColumnBuilder(type: .int64, capacity: right.count)
        for row in right { builder.append(row[0]) }
        return builder.finish()
    }

    func join(_ type: JoinNode.JoinType, left: [[ScalarValue]], right: [[ScalarValue]]) async throws -> [[ScalarValue]] {
        let plan = LogicalPlan.scan(ScanNode(source: DecimalAggregateTests.Rows(batch: RecordBatch.of(Self.leftSchema, rows: [])),
                                             origin: PlanOrigin(stepIndex: 0, method: "rows")))
        let node = JoinNode(left: plan, right: plan, type: type, leftKeys: [.column(name: "k", qualifier: nil)],
                            rightKeys: [.column(name: "rk", qualifier: nil)], mergedKeyNames: [],
                            origin: PlanOrigin(stepIndex: 2, method: "joinDataFrames"))
        let stream = try HashJoinOperator.apply(node, left: RecordBatchStream(schema: Self.leftSchema, batches: Self.batches(Self.leftSchema, left)),
                                                right: RecordBatchStream(schema: Self.rightSchema, batches: Self.batches(Self.rightSchema, right)),
                                                options: EngineOptions())
        return try await stream.collect().flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
    }

    /// The join row by row: every pair with equal non-null keys, then the unmatched sides as the type asks.
    static func reference(_ type: JoinNode.JoinType, left: [[ScalarValue]], right: [[ScalarValue]]) -> [[ScalarValue]] {
        func key(_ value: ScalarValue) -> Int64? {
            switch value { case .int32(let v): Int64(v); case .int64(let v): v; default: nil }
        }
        var output: [[ScalarValue]] = []
        var rightMatched = Set<Int>()
        for l in left {
            let matches = right.indices.filter { key(l[1]) != nil && key(l[1]) == key(right[$0][0]) }
            switch type {
            case .leftSemi: if !matches.isEmpty { output.append(l) }
            case .leftAnti: if matches.isEmpty { output.append(l) }
            default:
                for index in matches { output.append(l + right[index]); rightMatched.insert(index) }
                if matches.isEmpty, type == .left || type == .full { output.append(l + [.null, .null]) }
            }
        }
        if type == .right || type == .full {
            for index in right.indices where !rightMatched.contains(index) { output.append([.null, .null] + right[index]) }
        }
        return output
    }

    func expectReferenceRows(left: [[ScalarValue]], right: [[ScalarValue]]) async throws {
        for type in [JoinNode.JoinType.inner, .left, .right, .full, .leftSemi, .leftAnti] {
            let rows = try await join(type, left: left, right: right)
            #expect(JoinSpillTests.multiset(rows) == JoinSpillTests.multiset(Self.reference(type, left: left, right: right)), "\(type)")
        }
    }

    @Test func denseKeysWithNegativesNullsAndOutOfRangeProbesJoinAsNestedLoops() async throws {
        let right = (0..<1_500).map { i -> [ScalarValue] in
            let key: ScalarValue = i % 29 == 0 ? .null : .int64(Int64(i % 700) - 200)
            return [key, .int64(Int64(i))]
        }
        let left = (0..<2_000).map { i -> [ScalarValue] in
            let key: ScalarValue = i % 31 == 0 ? .null : .int32(Int32((i * 7) % 1_100) - 300)
            return [.int64(Int64(i)), key]
        }
        #expect(DenseKeyRange(Self.keyColumn(right)) != nil)
        try await expectReferenceRows(left: left, right: right)
    }

    @Test func sparseKeysAreHashedAndJoinTheSame() async throws {
        let right = (0..<600).map { i -> [ScalarValue] in [.int64(Int64(i % 300) * 1_000_003 - 5_000_000), .int64(Int64(i))] }
        let left = (0..<900).map { i -> [ScalarValue] in [.int64(Int64(i)), .int32(Int32(i % 400) * 1_000_003 - 5_000_000)] }
        #expect(DenseKeyRange(Self.keyColumn(right)) == nil)
        try await expectReferenceRows(left: left, right: right)
    }

    @Test func uniqueRightKeysDenseOrSparseJoinAsNestedLoops() async throws {
        // Every right key once (a dimension table), some null; left keys repeat, miss, or are null.
        for spread: Int64 in [1, 1_000_003] {
            let right = (0..<800).map { i -> [ScalarValue] in
                let key: ScalarValue = i % 97 == 0 ? .null : .int64(Int64(i) * spread - 100)
                return [key, .int64(Int64(i))]
            }
            let left = (0..<2_500).map { i -> [ScalarValue] in
                let key: ScalarValue = i % 41 == 0 ? .null : .int32(Int32(truncatingIfNeeded: Int64((i * 13) % 1_000) * spread - 100))
                return [.int64(Int64(i)), key]
            }
            try await expectReferenceRows(left: left, right: right)
        }
    }
}
