import SluiceEngine
import SluiceSpec
import Testing

@Suite struct ColumnPruningTests {
    func scanColumns(_ plan: LogicalPlan) -> Set<String>?? {
        var current = plan
        while true {
            if case .scan(let node) = current { return .some(node.columns) }
            guard let child = current.children.first else { return nil }
            current = child
        }
    }

    let origin = PlanOrigin(stepIndex: 0, method: "t")
    var scan: LogicalPlan { OperatorTests.input }

    func named(_ name: String, _ text: String) throws -> NamedExpression {
        NamedExpression(name: name, expression: try ExpressionParser.parse(text))
    }

    @Test func aWriteNeedsEveryColumn() {
        let plan = LogicalPlan.write(WriteNode(input: scan, sink: CollectingSink(), origin: origin))
        #expect(scanColumns(ColumnPruning.apply(plan)) == .some(nil))
    }

    @Test func anAggregateNeedsOnlyItsKeysAndArguments() throws {
        let aggregate = LogicalPlan.aggregate(AggregateNode(
            input: .filter(FilterNode(input: scan, condition: try named("c", "Status = 'x'"), origin: origin)),
            groupBy: [try named("id", "id")],
            aggregates: [AggregateExpression(name: "s", function: .sum, argument: try ExpressionParser.parse("amount * 2"))],
            origin: origin))
        let plan = LogicalPlan.write(WriteNode(input: aggregate, sink: CollectingSink(), origin: origin))
        #expect(scanColumns(ColumnPruning.apply(plan)) == .some(["id", "amount", "status"]))
    }

    @Test func projectionsMapRequirementsThroughSelectRenameAndWithColumns() throws {
        let selected = LogicalPlan.project(ProjectNode(input: scan, operation: .select([try named("x", "upper(status)")]), origin: origin))
        let aggregate = { (input: LogicalPlan) in
            LogicalPlan.aggregate(AggregateNode(input: input, groupBy: [try! self.named("k", "renamed")], aggregates: [], origin: self.origin))
        }
        #expect(scanColumns(ColumnPruning.apply(.aggregate(AggregateNode(input: selected, groupBy: [], aggregates: [], origin: origin))))
                == .some(["status"]))
        let renamed = LogicalPlan.project(ProjectNode(input: scan, operation: .rename([(from: "id", to: "renamed")]), origin: origin))
        #expect(scanColumns(ColumnPruning.apply(aggregate(renamed))) == .some(["id"]))
        let enriched = LogicalPlan.project(ProjectNode(input: scan, operation: .withColumns([try named("renamed", "amount + 1")]), origin: origin))
        #expect(scanColumns(ColumnPruning.apply(aggregate(enriched))) == .some(["amount"]))
    }

    @Test func aPlanNeedingNoColumnStillReadsTheRows() async throws {
        let count = LogicalPlan.aggregate(AggregateNode(input: scan, groupBy: [],
                                                        aggregates: [AggregateExpression(name: "n", function: .count, argument: nil)], origin: origin))
        #expect(scanColumns(ColumnPruning.apply(count)) == .some(nil))
        let (_, rows) = try await OperatorTests.rows(count)
        #expect(rows == [[.int64(6)]])
    }

    @Test func prunedPlansGiveTheSameAnswers() async throws {
        let aggregate = LogicalPlan.aggregate(AggregateNode(
            input: scan, groupBy: [try named("status", "status")],
            aggregates: [AggregateExpression(name: "n", function: .count, argument: nil)], origin: origin))
        let (_, rows) = try await OperatorTests.rows(aggregate)
        #expect(rows == [[.string("completed"), .int64(5)], [.string("pending"), .int64(1)]])
    }
}
