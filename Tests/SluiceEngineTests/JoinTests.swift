import SluiceEngine
import SluiceSpec
import Testing

@Suite struct JoinTests {
    static func table(_ schema: Schema, _ rows: [[ScalarValue]]) -> LogicalPlan {
        struct Rows: Source {
            let schemaValue: Schema
            let batch: RecordBatch
            var summary: String { "rows" }
            func schema() async throws -> Schema { schemaValue }
            func scan() async throws -> RecordBatchStream { RecordBatchStream(schema: schemaValue, batches: [batch]) }
        }
        let batch = RecordBatch.of(schema, rows: rows)
        return .scan(ScanNode(source: Rows(schemaValue: schema, batch: batch), origin: PlanOrigin(stepIndex: 0, method: "rows")))
    }

    static let orders = table(Schema([Field("id", .int32), Field("cust", .int64), Field("amount", .float64)]), [
        [.int32(1), .int64(10), .float64(5)],
        [.int32(2), .int64(20), .float64(6)],
        [.int32(3), .int64(10), .float64(7)],
        [.int32(4), .null, .float64(8)],
        [.int32(5), .int64(99), .float64(9)],
    ])
    static let customers = table(Schema([Field("cust", .int32), Field("name", .string)]), [
        [.int32(10), .string("ada")],
        [.int32(20), .string("bob")],
        [.int32(30), .string("cy")],
        [.null, .string("nobody")],
    ])

    func join(_ type: JoinNode.JoinType, merged: Bool = true) async throws -> (Schema, [[ScalarValue]]) {
        let key = Expression.column(name: "cust", qualifier: nil)
        let node = JoinNode(left: Self.orders, right: Self.customers, type: type, leftKeys: [key], rightKeys: [key],
                            mergedKeyNames: merged ? ["cust"] : [], origin: PlanOrigin(stepIndex: 2, method: "joinDataFrames"))
        return try await OperatorTests.rows(.join(node))
    }

    @Test func innerJoinMatchesEqualKeysAcrossIntegerWidths() async throws {
        let (schema, rows) = try await join(.inner)
        #expect(schema.names == ["id", "cust", "amount", "name"])
        #expect(rows.map { [$0[0], $0[3]] } == [[.int32(1), .string("ada")], [.int32(2), .string("bob")], [.int32(3), .string("ada")]])
    }

    @Test func leftJoinKeepsUnmatchedLeftRowsAndNullKeysNeverMatch() async throws {
        let (_, rows) = try await join(.left)
        #expect(rows.map { [$0[0], $0[3]] } == [
            [.int32(1), .string("ada")], [.int32(2), .string("bob")], [.int32(3), .string("ada")],
            [.int32(4), .null], [.int32(5), .null],
        ])
    }

    @Test func rightAndFullJoinsAddUnmatchedRightRowsWithTheirKey() async throws {
        let (_, right) = try await join(.right)
        #expect(right.count == 5)
        #expect(right.suffix(2).map { [$0[0], $0[1], $0[3]] } == [[.null, .int64(30), .string("cy")], [.null, .null, .string("nobody")]])
        let (_, full) = try await join(.full)
        #expect(full.count == 7)
    }

    @Test func semiAndAntiJoinsKeepLeftColumnsOnly() async throws {
        let (semiSchema, semi) = try await join(.leftSemi)
        #expect(semiSchema.names == ["id", "cust", "amount"])
        #expect(semi.map { $0[0] } == [.int32(1), .int32(2), .int32(3)])
        let (_, anti) = try await join(.leftAnti)
        #expect(anti.map { $0[0] } == [.int32(4), .int32(5)])
    }

    @Test func sameNamedColumnsThatAreNotMergedAreAnError() async {
        do {
            _ = try await join(.inner, merged: false)
            Issue.record("a duplicate column name must be refused")
        } catch let error as SluiceError {
            #expect(error.message.contains("both inputs of the join have a column named 'cust'"))
            #expect(error.hint?.contains("renameColumns") == true)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func joinTypesAcceptSparksSpellings() {
        #expect(JoinNode.JoinType(spelling: "left_outer") == .left)
        #expect(JoinNode.JoinType(spelling: "FULLOUTER") == .full)
        #expect(JoinNode.JoinType(spelling: "outer") == .full)
        #expect(JoinNode.JoinType(spelling: "anti") == .leftAnti)
        #expect(JoinNode.JoinType(spelling: "cross") == nil)
    }
}

@Suite struct MultiKeyJoinTests {
    @Test func twoKeysMustBothMatch() async throws {
        let left = JoinTests.table(Schema([Field("a", .string), Field("b", .int32), Field("l", .int32)]), [
            [.string("x"), .int32(1), .int32(100)],
            [.string("x"), .int32(2), .int32(200)],
            [.string("y"), .int32(1), .int32(300)],
            [.string("x"), .null, .int32(400)],
        ])
        let right = JoinTests.table(Schema([Field("a", .string), Field("b", .int64), Field("r", .string)]), [
            [.string("x"), .int64(1), .string("x1")],
            [.string("y"), .int64(1), .string("y1")],
            [.string("y"), .int64(1), .string("y1 again")],
            [.string("x"), .null, .string("x-null")],
        ])
        let keys: [Expression] = [.column(name: "a", qualifier: nil), .column(name: "b", qualifier: nil)]
        let node = JoinNode(left: left, right: right, type: .left, leftKeys: keys, rightKeys: keys, mergedKeyNames: ["a", "b"],
                            origin: PlanOrigin(stepIndex: 2, method: "joinDataFrames"))
        let (schema, rows) = try await OperatorTests.rows(.join(node))
        #expect(schema.names == ["a", "b", "l", "r"])
        #expect(rows.map { [$0[2], $0[3]] } == [
            [.int32(100), .string("x1")], [.int32(200), .null], [.int32(300), .string("y1")], [.int32(300), .string("y1 again")],
            [.int32(400), .null],
        ])
    }
}
