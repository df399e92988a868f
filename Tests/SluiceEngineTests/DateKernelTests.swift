@testable import SluiceEngine
import SluiceSpec
import Testing

/// Date and time functions over whole columns: patterns and units compiled once per run of
/// equal values, text parsed from its bytes, date arithmetic that wraps rather than traps, and
/// the same values as the row-by-row bodies.
@Suite struct DateKernelTests {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> ScalarValue { .date(Int32(Temporal.days(year: year, month: month, day: day))) }

    static func micros(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0, micro: Int = 0) -> Int64 {
        (Int64(Temporal.days(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)) * 1_000_000 + Int64(micro)
    }

    static let batch = RecordBatch.of(Schema([Field("d", .date), Field("t", .timestamp), Field("s", .string), Field("p", .string)]), rows: [
        [day(2024, 1, 31), .timestamp(micros(2025, 5, 14, 13, 45, 7, micro: 123_456)), .string(" 2025-02-03 "), .string("dd/MM/yyyy HH:mm")],
        [day(1969, 12, 28), .timestamp(-1), .string("2025-02-03\u{A0}"), .string("yyyy-MM-dd")],
        [.null, .null, .null, .null],
        [.date(Int32.max), .timestamp(0), .string("03/02/2025 10:11"), .string("dd/MM/yyyy HH:mm")],
        [day(2024, 2, 10), .timestamp(micros(2024, 12, 31, 23, 59, 59, micro: 999_999)), .string("not a date"), .string("bad letters q")],
    ])

    @Test func parsingTrimsAndFollowsPatterns() throws {
        #expect(try Self.batch.evaluate("to_date(s)") == [Self.day(2025, 2, 3), Self.day(2025, 2, 3), .null, .null, .null])
        #expect(try Self.batch.evaluate("to_timestamp(s, p)") == [.null, .null, .null, .timestamp(Self.micros(2025, 2, 3, 10, 11)), .null])
        #expect(try Self.batch.evaluate("to_date(s, 'dd/MM/yyyy HH:mm')")[3] == Self.day(2025, 2, 3))
        #expect(try Self.batch.evaluate("unix_timestamp(s)")[0...1] == [.int64(1_738_540_800), .int64(1_738_540_800)])
        #expect(try Self.batch.evaluate("unix_timestamp('1969-12-31 23:59:59.5')")[0] == .int64(-1))
        #expect(try Self.batch.evaluate("unix_timestamp(s, p)")[3] == .int64(1_738_577_460))
    }

    @Test func formattingCompilesEachPatternOnce() throws {
        #expect(try Self.batch.evaluate("date_format(t, 'EEE, d MMM yyyy HH:mm:ss.SSS')") == [
            .string("Wed, 14 May 2025 13:45:07.123"), .string("Wed, 31 Dec 1969 23:59:59.999"), .null,
            .string("Thu, 1 Jan 1970 00:00:00.000"), .string("Tue, 31 Dec 2024 23:59:59.999"),
        ])
        #expect(try Self.batch.evaluate("date_format(t, p)") == [
            .string("14/05/2025 13:45"), .string("1969-12-31"), .null, .string("01/01/1970 00:00"), .null,
        ])
        #expect(try Self.batch.evaluate("from_unixtime(CAST(unix_timestamp(t) AS BIGINT))")[0] == .string("2025-05-14 13:45:07"))
        // Seconds past the timestamp range wrap instead of trapping.
        #expect(try Self.batch.evaluate("from_unixtime(9223372036854775807, 'yyyy')")[0] != .null)
    }

    @Test func truncationKnowsSparksUnits() throws {
        let t = Self.micros(2025, 5, 14, 13, 45, 7, micro: 123_456)
        let expected: [(String, Int64)] = [
            ("YEAR", Self.micros(2025, 1, 1)), ("quarter", Self.micros(2025, 4, 1)), ("mon", Self.micros(2025, 5, 1)),
            ("week", Self.micros(2025, 5, 12)), ("dd", Self.micros(2025, 5, 14)), ("hour", Self.micros(2025, 5, 14, 13)),
            ("minute", Self.micros(2025, 5, 14, 13, 45)), ("second", Self.micros(2025, 5, 14, 13, 45, 7)),
            ("millisecond", t - 456), ("microsecond", t),
        ]
        for (unit, value) in expected {
            #expect(try Self.batch.evaluate("date_trunc('\(unit)', t)")[0] == .timestamp(value), "\(unit)")
        }
        #expect(try Self.batch.evaluate("date_trunc('day', t)")[1] == .timestamp(-86_400_000_000))
        #expect(try Self.batch.evaluate("date_trunc('fortnight', t)")[0] == .null)
        #expect(try Self.batch.evaluate("date_trunc(p, t)")[0] == .null)
    }

    @Test func dayArithmeticWraps() throws {
        #expect(try Self.batch.evaluate("add_months(d, 1)")[0] == Self.day(2024, 2, 29))
        #expect(try Self.batch.evaluate("last_day(d)")[4] == Self.day(2024, 2, 29))
        #expect(try Self.batch.evaluate("dayofweek(d)")[1] == .int32(1), "1969-12-28 was a Sunday")
        #expect(try Self.batch.evaluate("datediff(d, DATE '2024-01-01')")[0] == .int32(30))
        #expect(try Self.batch.evaluate("date_add(d, 1)")[3] == .date(Int32.min))
        #expect(try Self.batch.evaluate("date_sub(d, 10)")[1] == Self.day(1969, 12, 18))
        #expect(try Self.batch.evaluate("datediff(d, DATE '1969-12-31')")[3] != .null)
    }

    static let patterns = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss.SSS", "dd/MM/yy hh:mm a", "EEE, d MMM yyyy", "EEEE D", "'T'HH'h'mm", "MMMM d",
                           "yyyy年MM月dd日", "q"]

    @Test(arguments: [12, 13] as [UInt64])
    func kernelsAgreeWithTheRowPath(seed: UInt64) throws {
        var random = RandomColumns(seed: seed)
        let dateEdges: [Int32] = [0, -1, .max, .min, 19_782]
        let dates = random.column(.date) { .date(Bool.random(using: &$0) ? dateEdges.randomElement(using: &$0)! : Int32.random(in: -200_000...200_000, using: &$0)) }
        let otherDates = random.column(.date) { .date(Int32.random(in: -200_000...200_000, using: &$0)) }
        let stamps = random.column(.timestamp) { .timestamp(Int64.random(in: -10_000_000_000_000_000...10_000_000_000_000_000, using: &$0)) }
        let numbers = random.int32s(-5000...5000, edges: [0, .max, .min])
        let patterns = random.choices(.string, Self.patterns.map(ScalarValue.string))
        try KernelDifferential.check("dayofweek", [dates])
        try KernelDifferential.check("dayofmonth", [dates])
        try KernelDifferential.check("last_day", [dates])
        for name in ["date_add", "date_sub", "add_months"] { try KernelDifferential.check(name, [dates, numbers]) }
        try KernelDifferential.check("datediff", [dates, otherDates])
        try KernelDifferential.check("date_format", [stamps, patterns])
        try KernelDifferential.check("date_format", [stamps, random.constant(.string("yyyy-MM-dd HH:mm:ss"), .string)])
        try KernelDifferential.check("from_unixtime", [random.int64s(-5_000_000_000...5_000_000_000, edges: [.max, .min, 0]), patterns])
        try KernelDifferential.check("from_unixtime", [random.int64s(-5_000_000_000...5_000_000_000)])
        let units = random.choices(.string, ["year", "QUARTER", "month", "week", "day", "hour", "minute", "second", "millisecond", "microsecond", "eon"].map(ScalarValue.string))
        try KernelDifferential.check("date_trunc", [units, stamps])
        // Text: timestamps written per a pattern (parsed with the same or another one), and cast-style text with blanks around it.
        let written = zip(0..<stamps.count, 0..<patterns.count).map { row, _ -> ScalarValue in
            guard case .timestamp(let micros) = stamps.value(at: row), case .string(let pattern) = patterns.value(at: row),
                  let compiled = DateTimePattern(pattern) else { return .string("2025-13-01") }
            return .string(compiled.format(micros))
        }
        var builder = ColumnBuilder(type: .string)
        written.forEach { builder.append($0) }
        let texts = builder.finish()
        let castable = random.choices(.string, ["2025-02-03", " 2025-02-03 10:11:12 ", "\t2025-02-03T10:11:12.5Z", "2025-02-03\u{A0}", "\u{3000}2025-02-03 10:11",
                                                 "2025-02-30", "", "x", "1969-12-31 23:59:59.999999", "2025-02-03 10:11:12+05:30"].map(ScalarValue.string))
        for name in ["to_date", "to_timestamp", "unix_timestamp"] {
            try KernelDifferential.check(name, [texts, patterns])
            try KernelDifferential.check(name, [castable])
        }
    }

    @Test func kernelsCoverLiteralArguments() throws {
        let rows = 4
        let stamps = Column.repeating(.timestamp(0), .timestamp, count: rows)
        let cases: [(String, [Column])] = [
            ("date_format", [stamps, Column.repeating(.string("yyyy"), .string, count: rows)]),
            ("date_trunc", [Column.repeating(.string("hour"), .string, count: rows), stamps]),
            ("to_timestamp", [Column.repeating(.string("2025"), .string, count: rows), Column.repeating(.string("yyyy"), .string, count: rows)]),
        ]
        for (name, columns) in cases {
            let (function, _) = try KernelDifferential.resolve(name, columns.map(\.dataType))
            #expect(function.kernel?(columns) != nil, "\(name)")
        }
    }
}
