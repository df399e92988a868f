import SluiceEngine
import SluiceSpec
import Testing

@Suite struct ExpressionEvaluationTests {
    /// A batch with a bit of everything, nulls included.
    static let batch: RecordBatch = {
        let schema = Schema([Field("i", .int32), Field("l", .int64), Field("d", .float64), Field("s", .string),
                             Field("b", .boolean), Field("day", .date), Field("ts", .timestamp)])
        let rows: [[ScalarValue]] = [
            [.int32(10), .int64(3), .float64(2.5), .string("Apple"), .boolean(true), .date(20_089), .timestamp(1_735_725_600_000_000)],
            [.int32(-4), .int64(0), .float64(0), .string("banana"), .boolean(false), .date(0), .timestamp(0)],
            [.null, .null, .null, .null, .null, .null, .null],
        ]
        return .of(schema, rows: rows)
    }()

    func eval(_ text: String) throws -> [ScalarValue] { try Self.batch.evaluate(text) }

    func type(_ text: String) throws -> DataType {
        try ExpressionBinder(schema: Self.batch.schema).bind(try ExpressionParser.parse(text)).type
    }

    @Test func arithmeticWidensAndDivisionIsDouble() throws {
        #expect(try eval("i + l") == [.int64(13), .int64(-4), .null])
        #expect(try type("i * 2") == .int32)
        #expect(try eval("i * d") == [.float64(25), .float64(-0.0), .null])
        #expect(try eval("i / 4") == [.float64(2.5), .float64(-1), .null])
        #expect(try eval("i % 3") == [.int32(1), .int32(-1), .null])
        #expect(try eval("-i") == [.int32(-10), .int32(4), .null])
    }

    @Test func divisionAndModuloByZeroAreNull() throws {
        #expect(try eval("i / l") == [.float64(10.0 / 3), .null, .null])
        #expect(try eval("i % l") == [.int64(1), .null, .null])
        #expect(try eval("d / 0") == [.null, .null, .null])
    }

    @Test func integerOverflowWrapsAsInSpark() throws {
        #expect(try eval("2147483647 + i")[0] == .int32(-2_147_483_639))
    }

    @Test func comparisonsCoerceStringsAndNumbers() throws {
        #expect(try eval("i > 0") == [.boolean(true), .boolean(false), .null])
        #expect(try eval("i = '10'") == [.boolean(true), .boolean(false), .null])
        #expect(try eval("s < 'b'") == [.boolean(true), .boolean(false), .null])
        #expect(try eval("day = '2025-01-01'") == [.boolean(true), .boolean(false), .null])
        #expect(try eval("ts > DATE '2024-12-31'") == [.boolean(true), .boolean(false), .null])
        #expect(try eval("i <=> NULL") == [.boolean(false), .boolean(false), .boolean(true)])
    }

    @Test func logicIsThreeValued() throws {
        #expect(try eval("b AND i > 100") == [.boolean(false), .boolean(false), .null])
        #expect(try eval("b AND NULL") == [.null, .boolean(false), .null])
        #expect(try eval("b OR NULL") == [.boolean(true), .null, .null])
        #expect(try eval("NOT b") == [.boolean(false), .boolean(true), .null])
        #expect(try eval("i IS NULL") == [.boolean(false), .boolean(false), .boolean(true)])
    }

    @Test func inBetweenAndLike() throws {
        #expect(try eval("i IN (10, 20)") == [.boolean(true), .boolean(false), .null])
        #expect(try eval("i NOT IN (10, 20)") == [.boolean(false), .boolean(true), .null])
        #expect(try eval("i BETWEEN -5 AND 5") == [.boolean(false), .boolean(true), .null])
        #expect(try eval("s LIKE 'A%'") == [.boolean(true), .boolean(false), .null])
        #expect(try eval("s LIKE '_anana'") == [.boolean(false), .boolean(true), .null])
        #expect(try eval("s NOT LIKE '%an%'") == [.boolean(true), .boolean(false), .null])
        #expect(try eval("s RLIKE 'pp'") == [.boolean(true), .boolean(false), .null])
    }

    @Test func caseCoalesceIfAndCasts() throws {
        #expect(try eval("CASE WHEN i > 5 THEN 'big' WHEN i > 0 THEN 'small' ELSE 'none' END")
                == [.string("big"), .string("none"), .string("none")])
        #expect(try eval("CASE WHEN i > 5 THEN 1 END") == [.int32(1), .null, .null])
        #expect(try eval("coalesce(i, l, 7)") == [.int64(10), .int64(-4), .int64(7)])
        #expect(try eval("if(b, 'y', 'n')") == [.string("y"), .string("n"), .string("n")])
        #expect(try eval("CAST(d AS INT)") == [.int32(2), .int32(0), .null])
        #expect(try eval("CAST(s AS INT)") == [.null, .null, .null])
        #expect(try eval("CAST('12.7' AS BIGINT)")[0] == .int64(12))
        #expect(try eval("CAST(ts AS STRING)")[0] == .string("2025-01-01 10:00:00"))
        #expect(try eval("CAST(i AS STRING)")[1] == .string("-4"))
        #expect(try eval("CAST('yes' AS BOOLEAN)")[0] == .boolean(true))
    }

    @Test func stringFunctions() throws {
        #expect(try eval("upper(s)") == [.string("APPLE"), .string("BANANA"), .null])
        #expect(try eval("length(s)") == [.int32(5), .int32(6), .null])
        #expect(try eval("concat(s, '-', i)") == [.string("Apple-10"), .string("banana--4"), .null])
        #expect(try eval("s || '!'")[0] == .string("Apple!"))
        #expect(try eval("concat_ws('/', s, NULL, 'x')") == [.string("Apple/x"), .string("banana/x"), .string("x")])
        #expect(try eval("substring(s, 2, 3)")[0] == .string("ppl"))
        #expect(try eval("substring(s, -3)")[1] == .string("ana"))
        #expect(try eval("replace(s, 'a', 'o')")[1] == .string("bonono"))
        #expect(try eval("lpad(s, 8, '*')")[0] == .string("***Apple"))
        #expect(try eval("rpad(s, 3)")[1] == .string("ban"))
        #expect(try eval("trim('  x  ')")[0] == .string("x"))
        #expect(try eval("initcap('hello wORLD')")[0] == .string("Hello World"))
        #expect(try eval("regexp_replace(s, '[aeiou]', '_')")[1] == .string("b_n_n_"))
        #expect(try eval("regexp_extract(s, '(n)(a)', 2)")[1] == .string("a"))
    }

    @Test func mathAndDateFunctions() throws {
        #expect(try eval("round(d)") == [.float64(3), .float64(0), .null])
        #expect(try eval("round(-2.5)")[0] == .float64(-3))
        #expect(try eval("round(3.14159, 2)")[0] == .float64(3.14))
        #expect(try eval("floor(d)")[0] == .int64(2))
        #expect(try eval("ceil(d)")[0] == .int64(3))
        #expect(try eval("abs(i)")[1] == .int32(4))
        #expect(try eval("greatest(i, 5, l)")[1] == .int64(5))
        #expect(try eval("sqrt(16)")[0] == .float64(4))
        #expect(try eval("year(day)") == [.int32(2025), .int32(1970), .null])
        #expect(try eval("month(ts)")[0] == .int32(1))
        #expect(try eval("dayofweek(day)")[1] == .int32(5), "1970-01-01 was a Thursday")
        #expect(try eval("hour(ts)")[0] == .int32(10))
        #expect(try eval("datediff(day, DATE '2024-12-25')")[0] == .int32(7))
        #expect(try eval("date_add(day, 31)")[0] == .date(20_120))
        #expect(try eval("to_date('2025-02-03 04:05:06')")[0] == .date(20_122))
    }

    @Test func bindingErrorsNameTheProblem() {
        func failure(_ text: String) -> SluiceError? {
            do { _ = try eval(text); return nil } catch { return error as? SluiceError }
        }
        #expect(failure("amout > 1")?.code == .unknownColumn)
        #expect(failure("amout > 1")?.hint == nil, "no column is near 'amout'")
        #expect(failure("S2 > 1")?.code == .unknownColumn)
        #expect(failure("uper(s)")?.hint == "did you mean 'upper'?")
        #expect(failure("upper(s, s)")?.message.contains("takes 1 arguments") == true)
        #expect(failure("b + 1")?.code == .typeMismatch)
        #expect(failure("day > 5")?.code == .typeMismatch)
    }
}

@Suite struct DateTimeFunctionTests {
    func eval(_ text: String) throws -> ScalarValue {
        let bound = try ExpressionBinder(schema: ExpressionEvaluationTests.batch.schema).bind(try ExpressionParser.parse(text))
        return ExpressionEvaluator.evaluate(bound, on: ExpressionEvaluationTests.batch).value(at: 0)
    }

    @Test func formatsFollowSparksPatternLetters() throws {
        // ts of row 0 is 2025-01-01T10:00:00Z, a Wednesday.
        #expect(try eval("date_format(ts, 'yyyy-MM-dd HH:mm:ss')") == .string("2025-01-01 10:00:00"))
        #expect(try eval("date_format(ts, 'yyyy-MM')") == .string("2025-01"))
        #expect(try eval("date_format(ts, 'dd MMM yyyy, EEEE')") == .string("01 Jan 2025, Wednesday"))
        #expect(try eval("date_format(ts, 'hh:mm a')") == .string("10:00 AM"))
        #expect(try eval("date_format(ts, \"yyyy-MM-dd'T'HH'h'\")") == .string("2025-01-01T10h"))
        #expect(try eval("date_format(day, 'D')") == .string("1"))
        #expect(try eval("date_format(ts, 'qqq')") == .null, "unknown pattern letters give null")
    }

    @Test func parsingWithPatterns() throws {
        #expect(try eval("to_date('31/01/2025', 'dd/MM/yyyy')") == .date(20_119))
        #expect(try eval("to_date('2025-02-30', 'yyyy-MM-dd')") == .null)
        #expect(try eval("to_timestamp('2025-01-02 03:04:05.5', 'yyyy-MM-dd HH:mm:ss.S')") == .timestamp(1_735_787_045_500_000))
        #expect(try eval("to_timestamp('20250102', 'yyyyMMdd')") == .timestamp(1_735_776_000_000_000))
        #expect(try eval("to_timestamp('Jan 2, 2025 03:04 PM', 'MMM d, yyyy hh:mm a')") == .timestamp(1_735_830_240_000_000))
        #expect(try eval("to_date('not a date', 'yyyy-MM-dd')") == .null)
    }

    @Test func unixTimeTruncationAndMonths() throws {
        #expect(try eval("unix_timestamp(ts)") == .int64(1_735_725_600))
        #expect(try eval("unix_timestamp('2025-01-01 10:00:00', 'yyyy-MM-dd HH:mm:ss')") == .int64(1_735_725_600))
        #expect(try eval("from_unixtime(0)") == .string("1970-01-01 00:00:00"))
        #expect(try eval("from_unixtime(1735725600, 'yyyy/MM/dd')") == .string("2025/01/01"))
        #expect(try eval("date_trunc('month', TIMESTAMP '2025-03-17 12:34:56')") == .timestamp(1_740_787_200_000_000))
        #expect(try eval("date_trunc('week', TIMESTAMP '2025-03-19 12:00:00')") == .timestamp(1_742_169_600_000_000))
        #expect(try eval("date_trunc('hour', TIMESTAMP '2025-03-19 12:34:56')") == .timestamp(1_742_385_600_000_000))
        #expect(try eval("add_months(DATE '2025-01-31', 1)") == .date(20_147))
        #expect(try eval("add_months(DATE '2025-03-15', -14)") == .date(19_737))
        #expect(try eval("last_day(DATE '2024-02-10')") == .date(19_782))
    }
}
