import SluiceEngine
import SluiceSpec
import Testing

@Suite struct AggregateTests {
    static let schema = Schema([Field("k", .string), Field("n", .int32), Field("x", .float64), Field("s", .string)])

    static func source(_ rows: [[ScalarValue]], batchSize: Int = 2) -> LogicalPlan {
        struct Rows: Source {
            let batches: [RecordBatch]
            var summary: String { "rows" }
            func schema() async throws -> Schema { AggregateTests.schema }
            func scan() async throws -> RecordBatchStream { RecordBatchStream(schema: AggregateTests.schema, batches: batches) }
        }
        let batches = stride(from: 0, to: rows.count, by: batchSize).map { start in
            let slice = Array(rows[start..<min(rows.count, start + batchSize)])
            return RecordBatch.of(schema, rows: slice)
        }
        return .scan(ScanNode(source: Rows(batches: batches), origin: PlanOrigin(stepIndex: 0, method: "rows")))
    }

    static let rows: [[ScalarValue]] = [
        [.string("a"), .int32(1), .float64(1.5), .string("p")],
        [.string("b"), .int32(2), .null, .string("q")],
        [.string("a"), .null, .float64(2.5), .string("r")],
        [.null, .int32(4), .float64(4), .string("p")],
        [.string("a"), .int32(3), .float64(-1), .null],
        [.null, .int32(5), .float64(6), .string("q")],
    ]

    func aggregate(_ keys: [String], _ aggregates: [(String, AggregateFunction, String?, Bool)],
                   rows: [[ScalarValue]] = rows) async throws -> (Schema, [[ScalarValue]]) {
        let node = AggregateNode(
            input: Self.source(rows),
            groupBy: keys.map { NamedExpression(name: $0, expression: .column(name: $0, qualifier: nil)) },
            aggregates: try aggregates.map { name, function, argument, distinct in
                AggregateExpression(name: name, function: function, argument: try argument.map { try ExpressionParser.parse($0) },
                                    distinct: distinct)
            },
            origin: PlanOrigin(stepIndex: 1, method: "aggregateData"))
        return try await OperatorTests.rows(.aggregate(node))
    }

    @Test func groupsInOrderOfFirstAppearanceWithNullAsAGroup() async throws {
        let (schema, rows) = try await aggregate(["k"], [("c", .count, nil, false), ("cn", .count, "n", false), ("sum", .sum, "n", false)])
        #expect(schema.fields.map(\.type) == [.string, .int64, .int64, .int64])
        #expect(rows == [
            [.string("a"), .int64(3), .int64(2), .int64(4)],
            [.string("b"), .int64(1), .int64(1), .int64(2)],
            [.null, .int64(2), .int64(2), .int64(9)],
        ])
    }

    @Test func averagesDeviationsAndExtremesSkipNulls() async throws {
        let (_, rows) = try await aggregate(["k"], [
            ("avg", .avg, "x", false), ("min", .min, "x", false), ("max", .max, "s", false),
            ("sd", .stddev, "x", false), ("var", .variance, "x", false), ("first", .first, "s", false), ("last", .last, "s", false),
        ])
        #expect(rows[0][1] == .float64(1.0))
        #expect(rows[0][2] == .float64(-1))
        #expect(rows[0][3] == .string("r"))
        #expect(rows[0][5] == .float64(3.25))
        if case .float64(let deviation) = rows[0][4] { #expect(abs(deviation - 3.25.squareRoot()) < 1e-12) } else { Issue.record("stddev") }
        #expect(rows[0][6] == .string("p") && rows[0][7] == .string("r"))
        #expect(rows[1][1] == .null, "avg over only nulls is null")
        #expect(rows[1][4] == .null, "stddev of fewer than two values is null")
    }

    @Test func twoKeysAndDistinct() async throws {
        let (_, rows) = try await aggregate(["k", "s"], [("c", .count, nil, false)])
        #expect(rows.count == 6)
        let (_, distinct) = try await aggregate([], [("ks", .count, "k", true), ("ss", .count, "s", true), ("sx", .sum, "n", true)],
                                                rows: Self.rows + Self.rows)
        #expect(distinct == [[.int64(2), .int64(3), .int64(15)]])
    }

    @Test func aGlobalAggregateOverNothingIsOneRow() async throws {
        let (_, rows) = try await aggregate([], [("c", .count, nil, false), ("s", .sum, "x", false), ("m", .max, "n", false)], rows: [])
        #expect(rows == [[.int64(0), .null, .null]])
    }

    @Test func conditionalAggregatesTakeExpressions() async throws {
        let (_, rows) = try await aggregate([], [("big", .sum, "CASE WHEN x > 2 THEN 1 ELSE 0 END", false), ("avgx2", .avg, "x * 2", false)])
        #expect(rows == [[.int64(3), .float64(5.2)]])
    }

    @Test func summingTextIsATypeError() async {
        await #expect(throws: SluiceError.self) { _ = try await aggregate(["k"], [("bad", .sum, "s", false)]) }
    }
}
