import SluiceEngine
import SluiceSpec
import Testing

@Suite struct OperatorTests {
    static let schema = Schema([Field("id", .int64), Field("amount", .float64), Field("status", .string)])

    static func source(_ batches: [[(Int64, Double?, String)]]) -> LogicalPlan {
        struct Rows: Source {
            let batches: [RecordBatch]
            var summary: String { "rows" }
            func schema() async throws -> Schema { OperatorTests.schema }
            func scan() async throws -> RecordBatchStream { RecordBatchStream(schema: OperatorTests.schema, batches: batches) }
        }
        let recordBatches = batches.map { rows in
            var ids = ColumnBuilder(type: .int64), amounts = ColumnBuilder(type: .float64), statuses = ColumnBuilder(type: .string)
            for (id, amount, status) in rows {
                ids.append(id)
                if let amount { amounts.append(amount) } else { amounts.appendNull() }
                statuses.append(status)
            }
            return RecordBatch(schema: schema, columns: [ids.finish(), amounts.finish(), statuses.finish()])
        }
        return .scan(ScanNode(source: Rows(batches: recordBatches), origin: PlanOrigin(stepIndex: 0, method: "rows")))
    }

    /// Runs `plan` through a sink that keeps the rows.
    static func rows(_ plan: LogicalPlan) async throws -> (Schema, [[ScalarValue]]) {
        let collector = CollectingSink()
        let write = LogicalPlan.write(WriteNode(input: plan, sink: collector, origin: PlanOrigin(stepIndex: 9, method: "collect")))
        let staged = try await LocalEngine().stage(write, metrics: StepMetrics())
        let batches = (staged as! CollectingSink.Staged).batches
        return (batches.first?.schema ?? .empty, batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } })
    }

    static let input = source([
        [(1, 10, "completed"), (2, 75, "completed"), (3, nil, "completed")],
        [(4, 99, "pending")],
        [(5, 51, "completed"), (6, 500, "completed")],
    ])

    @Test func filterKeepsTrueRowsDropsNullsAndSkipsEmptiedBatches() async throws {
        let condition = try ExpressionParser.parse("status = 'completed' AND amount > 50")
        let plan = LogicalPlan.filter(FilterNode(input: Self.input, condition: NamedExpression(name: "condition", expression: condition),
                                                 origin: PlanOrigin(stepIndex: 1, method: "filterRows")))
        let (_, rows) = try await Self.rows(plan)
        #expect(rows.map { $0[0] } == [.int64(2), .int64(5), .int64(6)])
    }

    @Test func withColumnsAddsAndReplacesInPlace() async throws {
        let plan = LogicalPlan.project(ProjectNode(input: Self.input, operation: .withColumns([
            NamedExpression(name: "double", expression: try ExpressionParser.parse("amount * 2")),
            NamedExpression(name: "status", expression: try ExpressionParser.parse("upper(status)")),
        ]), origin: PlanOrigin(stepIndex: 1, method: "enrichData")))
        let (schema, rows) = try await Self.rows(plan)
        #expect(schema.names == ["id", "amount", "status", "double"])
        #expect(rows[1] == [.int64(2), .float64(75), .string("COMPLETED"), .float64(150)])
        #expect(rows[2][3] == .null)
    }

    @Test func selectDropAndRenameReshapeColumns() async throws {
        let origin = PlanOrigin(stepIndex: 1, method: "t")
        let select = LogicalPlan.project(ProjectNode(input: Self.input, operation: .select([
            NamedExpression(name: "status", expression: .column(name: "status", qualifier: nil)),
            NamedExpression(name: "id", expression: .column(name: "ID", qualifier: nil)),
        ]), origin: origin))
        #expect(try await Self.rows(select).0.names == ["status", "id"])
        let drop = LogicalPlan.project(ProjectNode(input: Self.input, operation: .drop(["amount"]), origin: origin))
        #expect(try await Self.rows(drop).0.names == ["id", "status"])
        let rename = LogicalPlan.project(ProjectNode(input: Self.input, operation: .rename([(from: "id", to: "order_id")]), origin: origin))
        let (schema, rows) = try await Self.rows(rename)
        #expect(schema.names == ["order_id", "amount", "status"])
        #expect(rows.count == 6)
    }

    @Test func unknownColumnsAndDuplicateNamesFailWithTheStepsLocation() async {
        let origin = PlanOrigin(stepIndex: 2, method: "dropColumns", location: SourceLocation(file: "p.json", line: 7, column: 3),
                                jsonPath: "$.steps[2].config")
        let drop = LogicalPlan.project(ProjectNode(input: Self.input, operation: .drop(["amont"]), origin: origin))
        do {
            _ = try await Self.rows(drop)
            Issue.record("dropping a missing column must fail")
        } catch let error as SluiceError {
            #expect(error.code == .unknownColumn)
            #expect(error.hint == "did you mean 'amount'?")
            #expect(error.location?.line == 7)
            #expect(error.message.hasPrefix("step 3 (dropColumns): "))
        } catch {
            Issue.record("unexpected \(error)")
        }
        let rename = LogicalPlan.project(ProjectNode(input: Self.input, operation: .rename([(from: "id", to: "status")]), origin: origin))
        await #expect(throws: SluiceError.self) { _ = try await Self.rows(rename) }
    }
}

/// A sink that keeps every batch in memory, for operator tests.
struct CollectingSink: Sink {
    var summary: String { "memory" }

    func stage(_ input: RecordBatchStream) async throws -> any StagedWrite {
        Staged(batches: try await input.collect())
    }

    struct Staged: StagedWrite {
        let batches: [RecordBatch]
        var rowCount: Int { batches.reduce(0) { $0 + $1.rowCount } }
        func commit() async throws {}
        func abort() async {}
    }
}
