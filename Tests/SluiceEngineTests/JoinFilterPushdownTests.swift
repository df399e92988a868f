import Foundation
@testable import SluiceEngine
import SluiceSpec
import Testing

/// A filter right above a join runs its one-input parts on that input first, where the join
/// type allows it; the rows are those of the join filtered afterwards, for every join type.
@Suite struct JoinFilterPushdownTests {
    static let left = Schema([Field("id", .int64), Field("k", .int64), Field("amount", .int64)])
    static let right = Schema([Field("k", .int64), Field("region", .string), Field("active", .boolean)])

    @Test func partsGoToTheInputsTheJoinTypeKeepsWhole() throws {
        let condition = try ExpressionParser.parse("amount > 5 AND active AND (amount > 7 OR active) AND k = 3 AND rand_free IS NULL")
        func split(_ type: JoinNode.JoinType) -> JoinFilterPushdown.Split {
            JoinFilterPushdown.split(condition, type: type, left: Self.left, right: Self.right)
        }
        let inner = split(.inner)
        #expect(inner.left.map(\.description) == ["(amount > 5)", "(k = 3)"])
        #expect(inner.right.map(\.description) == ["active"])
        #expect(inner.remaining.count == 2)
        #expect(split(.left).left.count == 2 && split(.left).right.isEmpty && split(.left).remaining.count == 3)
        #expect(split(.right).left.isEmpty && split(.right).right.count == 1)
        #expect(split(.full).left.isEmpty && split(.full).right.isEmpty && split(.full).remaining.count == 5)
        #expect(split(.leftSemi).left.count == 2 && split(.leftAnti).right.isEmpty)
    }

    static func plan(_ schema: Schema, _ rows: [[ScalarValue]]) -> LogicalPlan {
        .scan(ScanNode(source: DecimalAggregateTests.Rows(batch: RecordBatch.of(schema, rows: rows)), origin: PlanOrigin(stepIndex: 0, method: "rows")))
    }

    @Test(arguments: [JoinNode.JoinType.inner, .left, .right, .full, .leftSemi, .leftAnti])
    func pushedFiltersGiveTheRowsOfTheJoinFilteredAfterwards(type: JoinNode.JoinType) async throws {
        let leftRows = (0..<300).map { i -> [ScalarValue] in
            let key: ScalarValue = i % 11 == 0 ? .null : .int64(Int64(i % 40))
            return [.int64(Int64(i)), key, .int64(Int64(i % 13))]
        }
        let rightRows = (0..<60).map { i -> [ScalarValue] in
            let active: ScalarValue = i % 7 == 0 ? .null : .boolean(i % 3 != 0)
            return [.int64(Int64(i % 50)), .string("r\(i % 4)"), active]
        }
        let keepsRight = type != .leftSemi && type != .leftAnti
        let text = keepsRight ? "amount > 4 AND active AND (amount < 12 OR region = 'r1') AND id >= 20" : "amount > 4 AND id >= 20"
        let condition = NamedExpression(name: "condition", expression: try ExpressionParser.parse(text))
        let join = JoinNode(left: Self.plan(Self.left, leftRows), right: Self.plan(Self.right, rightRows), type: type,
                            leftKeys: [.column(name: "k", qualifier: nil)], rightKeys: [.column(name: "k", qualifier: nil)],
                            mergedKeyNames: ["k"], origin: PlanOrigin(stepIndex: 1, method: "joinDataFrames"))
        let filter = FilterNode(input: .join(join), condition: condition, origin: PlanOrigin(stepIndex: 2, method: "filterRows"))
        let pushed = try await OperatorTests.rows(.filter(filter)).1
        // The reference: the join's rows, then the filter over them.
        let joined = try await OperatorTests.rows(.join(join))
        let expected = try await FilterOperator.apply(filter, to: RecordBatchStream(schema: joined.0, batches: [RecordBatch.of(joined.0, rows: joined.1)]))
            .collect().flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
        #expect(!expected.isEmpty)
        #expect(JoinSpillTests.multiset(pushed) == JoinSpillTests.multiset(expected))
    }
}
