import SluiceEngine
import SluiceSpec
import Testing

@Suite struct ExpressionParserTests {
    func parse(_ text: String) throws -> String { try ExpressionParser.parse(text).description }

    @Test func precedenceFollowsSparkSQL() throws {
        #expect(try parse("a OR b AND NOT c = 1") == "(a OR (b AND (NOT (c = 1))))")
        #expect(try parse("1 + 2 * 3 - 4 / 2 % 3") == "((1 + (2 * 3)) - ((4 / 2) % 3))")
        #expect(try parse("-x * 2") == "((- x) * 2)")
        #expect(try parse("a || b + 1") == "((a || b) + 1)")
    }

    @Test func everyPredicateFormParses() throws {
        #expect(try parse("x IS NOT NULL AND y IS NULL") == "((x IS NOT NULL) AND (y IS NULL))")
        #expect(try parse("s NOT IN ('a', 'b')") == "(s NOT IN ('a', 'b'))")
        #expect(try parse("n BETWEEN 1 AND 10") == "(n BETWEEN 1 AND 10)")
        #expect(try parse("name LIKE 'A%' OR name RLIKE '^B'") == "((name LIKE 'A%') OR (name RLIKE '^B'))")
        #expect(try parse("a <> b AND a != c AND a == d AND a <=> e") == "((((a != b) AND (a != c)) AND (a = d)) AND (a <=> e))")
    }

    @Test func literalsColumnsAndCalls() throws {
        #expect(try ExpressionParser.parse("2147483648") == .literal(.int64(2_147_483_648)))
        #expect(try ExpressionParser.parse("-2147483648") == .literal(.int32(.min)))
        #expect(try ExpressionParser.parse("1.5e2") == .literal(.float64(150)))
        #expect(try ExpressionParser.parse("10L") == .literal(.int64(10)))
        #expect(try ExpressionParser.parse("'it''s' ") == .literal(.string("it's")))
        #expect(try ExpressionParser.parse("'a\\'b'") == .literal(.string("a'b")))
        #expect(try ExpressionParser.parse("DATE '2025-01-02'") == .literal(.date(20_090)))
        #expect(try ExpressionParser.parse("`order id`") == .column(name: "order id", qualifier: nil))
        #expect(try ExpressionParser.parse("o.amount") == .column(name: "amount", qualifier: "o"))
        #expect(try parse("COALESCE(a, 0)") == "coalesce(a, 0)")
        #expect(try parse("count(DISTINCT x)") == "count(DISTINCT x)")
        #expect(try parse("count(*)") == "count(*)")
        #expect(try parse("CAST(x AS varchar(10))") == "CAST(x AS STRING)")
        #expect(try parse("CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END")
                == "CASE WHEN (a > 1) THEN 'x' WHEN (a > 0) THEN 'y' ELSE 'z' END")
        #expect(try parse("CASE s WHEN 'a' THEN 1 END") == "CASE s WHEN 'a' THEN 1 END")
        #expect(try parse("NOT (a AND b)") == "(NOT (a AND b))")
    }

    @Test(arguments: [
        ("amount > > 5", 9, "expected a value"),
        ("amount >", 8, "ends too early"),
        ("(a + b", 6, "expected ')'"),
        ("a b", 2, "after a complete expression"),
        ("'open", 0, "unterminated string"),
        ("CAST(x AS money)", 10, "unknown type 'money'"),
        ("x IS 5", 5, "expected NULL"),
        ("CASE END", 5, "at least one WHEN"),
        ("a NOT 5", 6, "expected IN, BETWEEN, LIKE or RLIKE"),
        ("", 0, "empty"),
        ("a # b", 2, "unexpected character '#'"),
        ("12abc", 2, "after a number"),
    ])
    func syntaxErrorsPointAtTheFault(text: String, offset: Int, words: String) {
        do {
            _ = try ExpressionParser.parse(text)
            Issue.record("'\(text)' must not parse")
        } catch {
            #expect(error.offset == offset, "\(text): \(error.message)")
            #expect(error.message.contains(words), "\(text): \(error.message)")
        }
    }

    @Test func errorsRenderTheExpressionWithACaret() {
        let error = ExpressionSyntaxError("unexpected '>'", at: 9).sluiceError(in: "amount > > 5")
        #expect(error.message == "invalid expression: unexpected '>'\n    amount > > 5\n             ^")
    }
}
