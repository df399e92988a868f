import SluiceEngine
import Testing

@Suite struct PredicatePushdownTests {
    func predicates(_ condition: String) throws -> [String] {
        try PredicatePushdown.predicates(of: ExpressionParser.parse(condition)).map(\.description)
    }

    @Test func takesTheSimpleConjunctsOfACondition() throws {
        #expect(try PredicatePushdown.predicates(of: ExpressionParser.parse("status = 'completed' AND amount > 50")) == [
            ScanPredicate(column: "status", test: .equal(.string("completed"))), ScanPredicate(column: "amount", test: .greater(.int32(50))),
        ])
        #expect(try predicates("10 <= Amount AND x BETWEEN -2 AND 3").count == 3)
        #expect(try PredicatePushdown.predicates(of: ExpressionParser.parse("10 <= Amount"))
            == [ScanPredicate(column: "amount", test: .greaterOrEqual(.int32(10)))])
        #expect(try PredicatePushdown.predicates(of: ExpressionParser.parse("x > -2"))
            == [ScanPredicate(column: "x", test: .greater(.int32(-2)))])
        #expect(try PredicatePushdown.predicates(of: ExpressionParser.parse("c IN ('a', 'b') AND d IS NOT NULL"))
            == [ScanPredicate(column: "c", test: .oneOf([.string("a"), .string("b")])), ScanPredicate(column: "d", test: .isNotNull)])
    }

    @Test func leavesOutWhatItCannotProve() throws {
        #expect(try predicates("a = 1 OR b = 2").isEmpty)
        #expect(try predicates("NOT (a = 1)").isEmpty)
        #expect(try predicates("a + 1 > 5").isEmpty)
        #expect(try predicates("a != 5").isEmpty)
        #expect(try predicates("a = NULL").isEmpty)
        #expect(try predicates("c IN ('a', NULL)").isEmpty)
    }

    @Test func rangesDecideWhetherAGroupMayMatch() {
        let greater = ScanPredicate(column: "x", test: .greater(.int32(10)))
        #expect(!greater.mayMatch(min: .int64(1), max: .int64(10), nullCount: 0, rowCount: 5, floatingPoint: false))
        #expect(greater.mayMatch(min: .int64(1), max: .int64(11), nullCount: 0, rowCount: 5, floatingPoint: false))
        // NaN sorts above every number in Spark and statistics leave it out: no upper bound proves anything.
        #expect(greater.mayMatch(min: .float64(1), max: .float64(2), nullCount: 0, rowCount: 5, floatingPoint: true))
        let equal = ScanPredicate(column: "s", test: .equal(.string("m")))
        #expect(!equal.mayMatch(min: .string("n"), max: .string("z"), nullCount: 0, rowCount: 5, floatingPoint: false))
        #expect(equal.mayMatch(min: .string("a"), max: .string("n"), nullCount: 0, rowCount: 5, floatingPoint: false))
        // Only nulls: no comparison can be true; IS NULL decides by the null count.
        #expect(!equal.mayMatch(min: nil, max: nil, nullCount: 5, rowCount: 5, floatingPoint: false))
        #expect(!ScanPredicate(column: "s", test: .isNull).mayMatch(min: nil, max: nil, nullCount: 0, rowCount: 5, floatingPoint: false))
        #expect(ScanPredicate(column: "s", test: .isNull).mayMatch(min: nil, max: nil, nullCount: nil, rowCount: 5, floatingPoint: false))
        // Dates compare with date strings; mismatched kinds never skip.
        let day = ScanPredicate(column: "d", test: .greaterOrEqual(.string("2025-02-01")))
        #expect(!day.mayMatch(min: .date(Temporal.parseDate("2025-01-01")!), max: .date(Temporal.parseDate("2025-01-31")!),
                              nullCount: 0, rowCount: 3, floatingPoint: false))
        #expect(ScanPredicate(column: "x", test: .equal(.string("5"))).mayMatch(min: .int32(7), max: .int32(9), nullCount: 0,
                                                                               rowCount: 3, floatingPoint: false))
        #expect(!ScanPredicate(column: "p", test: .equal(.int32(3))).mayMatch(value: .int32(4)))
        #expect(!ScanPredicate(column: "p", test: .equal(.int32(3))).mayMatch(value: .null))
        #expect(ScanPredicate(column: "p", test: .isNull).mayMatch(value: .null))
    }
}
