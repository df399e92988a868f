import SluiceEngine
import SluiceSpec
import Testing

@Suite struct RowOperatorTests {
    let origin = PlanOrigin(stepIndex: 1, method: "t")
    static let schema = Schema([Field("k", .string), Field("n", .int64), Field("x", .float64)])
    static let data = JoinTests.table(schema, [
        [.string("b"), .int64(2), .float64(1)],
        [.string("a"), .int64(1), .null],
        [.null, .int64(3), .float64(0.5)],
        [.string("b"), .int64(2), .float64(1)],
        [.string("a"), .int64(5), .float64(9)],
    ])

    @Test func limitKeepsTheFirstRows() async throws {
        let (_, rows) = try await OperatorTests.rows(.limit(LimitNode(input: OperatorTests.input, count: 4, origin: origin)))
        #expect(rows.map { $0[0] } == [.int64(1), .int64(2), .int64(3), .int64(4)])
        let (_, none) = try await OperatorTests.rows(.limit(LimitNode(input: OperatorTests.input, count: 0, origin: origin)))
        #expect(none.isEmpty)
    }

    @Test func distinctKeepsFirstOccurrencesWithNullsEqual() async throws {
        let (_, all) = try await OperatorTests.rows(.distinct(DistinctNode(input: Self.data, columns: nil, origin: origin)))
        #expect(all.count == 4)
        let (_, byKey) = try await OperatorTests.rows(.distinct(DistinctNode(input: Self.data, columns: ["k"], origin: origin)))
        #expect(byKey.map { $0[1] } == [.int64(2), .int64(1), .int64(3)])
        await #expect(throws: SluiceError.self) {
            _ = try await OperatorTests.rows(.distinct(DistinctNode(input: Self.data, columns: ["kk"], origin: self.origin)))
        }
    }

    @Test func sortOrdersByKeysWithSparksNullPlacementAndStableTies() async throws {
        let keys = [SortNode.Key(expression: .column(name: "k", qualifier: nil)),
                    SortNode.Key(expression: .column(name: "x", qualifier: nil), ascending: false)]
        let (_, rows) = try await OperatorTests.rows(.sort(SortNode(input: Self.data, keys: keys, origin: origin)))
        #expect(rows.map { $0[1] } == [.int64(3), .int64(5), .int64(1), .int64(2), .int64(2)])
        let descending = [SortNode.Key(expression: .column(name: "x", qualifier: nil), ascending: false)]
        let (_, byX) = try await OperatorTests.rows(.sort(SortNode(input: Self.data, keys: descending, origin: origin)))
        #expect(byX.last?[1] == .int64(1), "nulls come last in descending order")
    }

    @Test func unionMatchesColumnsByNameAndWidensTypes() async throws {
        let other = JoinTests.table(Schema([Field("x", .int32), Field("k", .string), Field("n", .int64)]), [
            [.int32(7), .string("z"), .int64(9)],
        ])
        let (schema, rows) = try await OperatorTests.rows(.union(UnionNode(inputs: [Self.data, other], origin: origin)))
        #expect(schema.fields.map(\.type) == [.string, .int64, .float64])
        #expect(rows.count == 6)
        #expect(rows.last == [.string("z"), .int64(9), .float64(7)])
        let mismatched = JoinTests.table(Schema([Field("k", .string)]), [[.string("q")]])
        await #expect(throws: SluiceError.self) {
            _ = try await OperatorTests.rows(.union(UnionNode(inputs: [Self.data, mismatched], origin: self.origin)))
        }
    }
}
