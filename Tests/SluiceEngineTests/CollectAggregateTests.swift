import SluiceEngine
import SluiceSpec
import Testing

/// `collect_list` and `collect_set` over `AggregateTests.rows` (batches of two rows, so groups
/// span batches).
@Suite struct CollectAggregateTests {
    let aggregates = AggregateTests()

    @Test func collectListKeepsInputOrderAndSkipsNulls() async throws {
        let (schema, rows) = try await aggregates.aggregate(["k"], [("ns", .collectList, "n", false), ("xs", .collectList, "x", false)])
        #expect(schema.fields.map(\.type) == [.string, .array(.int32), .array(.float64)])
        #expect(rows == [
            [.string("a"), .array([.int32(1), .int32(3)]), .array([.float64(1.5), .float64(2.5), .float64(-1)])],
            [.string("b"), .array([.int32(2)]), .array([])],  // only nulls: an empty array, not null
            [.null, .array([.int32(4), .int32(5)]), .array([.float64(4), .float64(6)])],
        ])
    }

    @Test func collectSetKeepsFirstAppearances() async throws {
        let (_, rows) = try await aggregates.aggregate([], [("set", .collectSet, "s", false), ("list", .collectList, "s", false)],
                                                       rows: AggregateTests.rows + AggregateTests.rows)
        let ps: [ScalarValue] = ["p", "q", "r", "p", "q"].map(ScalarValue.string)
        #expect(rows == [[.array([.string("p"), .string("q"), .string("r")]), .array(ps + ps)]])
        let (_, grouped) = try await aggregates.aggregate(["k"], [("set", .collectSet, "s", false)])
        #expect(grouped.map { $0[1] } == [.array([.string("p"), .string("r")]), .array([.string("q")]), .array([.string("p"), .string("q")])])
    }

    @Test func distinctCollectListAndExpressions() async throws {
        let (_, rows) = try await aggregates.aggregate([], [("d", .collectList, "s", true), ("e", .collectList, "n * 10", false)])
        #expect(rows == [[.array([.string("p"), .string("q"), .string("r")]),
                          .array([.int32(10), .int32(20), .int32(40), .int32(30), .int32(50)])]])
    }

    @Test func anEmptyInputGivesEmptyArrays() async throws {
        let (_, rows) = try await aggregates.aggregate([], [("l", .collectList, "n", false), ("s", .collectSet, "k", false)], rows: [])
        #expect(rows == [[.array([]), .array([])]])
    }

    @Test func namesAreSparks() {
        #expect(AggregateFunction(name: "COLLECT_LIST") == .collectList)
        #expect(AggregateFunction(name: "collect_set") == .collectSet)
        #expect(AggregateExpression(name: "x", function: .collectSet, argument: .column(name: "s", qualifier: nil)).description
            == "collect_set(s)")
    }
}
