import Foundation

/// Date and time functions over dates (days) and timestamps (microseconds, UTC); patterns
/// follow Spark's datetime pattern letters (`DateTimePattern`). Date arithmetic wraps at the
/// INT range as Spark's does.
enum DateFunctions {
    typealias Entry = FunctionCatalog.Entry

    static let microsPerDay: Int64 = 86_400_000_000

    static func days(_ value: ScalarValue) -> Int32 {
        switch value {
        case .date(let days): days
        case .timestamp(let micros): Int32(truncatingIfNeeded: TruncationUnit.count(micros, of: microsPerDay))
        default: 0
        }
    }

    /// The timestamp `values[0]` spells per the pattern `values[1]`.
    static func parse(_ values: [ScalarValue]) -> Int64? {
        DateTimePattern(StringFunctions.text(values[1]))?.parse(StringFunctions.text(values[0]))
    }

    /// The number of days in a month.
    static func lastDay(_ year: Int, _ month: Int) -> Int {
        Temporal.civil(days: Temporal.days(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1) - 1).day
    }

    /// `add_months`: the same day `months` later, or the month's last day if it is shorter.
    @Sendable static func addMonths(_ days: Int32, _ months: Int32) -> Int32 {
        let (year, month, day) = Temporal.civil(days: Int(days))
        let total = year * 12 + (month - 1) + Int(months)
        let (newYear, newMonth) = (total >= 0 ? total / 12 : (total - 11) / 12, ((total % 12) + 12) % 12 + 1)
        return Int32(truncatingIfNeeded: Temporal.days(year: newYear, month: newMonth, day: min(day, lastDay(newYear, newMonth))))
    }

    /// `last_day`: the last day of the date's month.
    @Sendable static func lastDayOfMonth(_ days: Int32) -> Int32 {
        let (year, month, _) = Temporal.civil(days: Int(days))
        return Int32(truncatingIfNeeded: Temporal.days(year: year, month: month, day: lastDay(year, month)))
    }

    /// `dayofweek`: Sunday 1 ... Saturday 7 (1970-01-01 was a Thursday).
    @Sendable static func dayOfWeek(_ days: Int32) -> Int32 {
        Int32((Int(days) + 4) % 7 + 7) % 7 + 1
    }

    static func secondOfDay(_ micros: Int64) -> Int {
        Int((micros - TruncationUnit.floor(micros, microsPerDay)) / 1_000_000)
    }

    static func part(_ name: String, _ extract: @escaping @Sendable ((year: Int, month: Int, day: Int)) -> Int) -> Entry {
        .fixed([.date], returns: .int32, name) { .int32(Int32(extract(Temporal.civil(days: Int(days($0[0])))))) }
            .vectorized { DateKernels.mapDays($0[0], to: .int32) { Int32(extract(Temporal.civil(days: Int($0)))) } }
    }

    static func clock(_ name: String, _ extract: @escaping @Sendable (Int) -> Int) -> Entry {
        .fixed([.timestamp], returns: .int32, name) { values in
            guard case .timestamp(let micros) = values[0] else { return .null }
            return .int32(Int32(extract(secondOfDay(micros))))
        }.vectorized { DateKernels.mapMicros($0[0]) { Int32(extract(secondOfDay($0))) } }
    }

    /// A function of a date and a whole number (or two dates) into `type`.
    static func dayArithmetic(_ name: String, _ arguments: [DataType], returns type: DataType,
                              _ combine: @escaping @Sendable (Int32, Int32) -> Int32) -> Entry {
        .fixed(arguments, returns: type, name) { values in
            let second = type == .int32 ? days(values[1]) : Int32(truncatingIfNeeded: StringFunctions.int(values[1]))
            let result = combine(days(values[0]), second)
            return type == .date ? .date(result) : .int32(result)
        }.vectorized { DateKernels.combineDays($0, to: type, combine) }
    }

    /// Timestamps parsed from text, with an optional pattern, as `shape` makes them.
    static func parsing(_ name: String, returns type: DataType, arity: ClosedRange<Int> = 1...2,
                        _ shape: @escaping @Sendable (Int64) -> ScalarValue, noPattern: @escaping @Sendable (ScalarValue) -> ScalarValue,
                        column: @escaping @Sendable ([Int64]) -> ColumnStorage) -> Entry {
        .fixed([.string, .string], arity, returns: type, name) { values in
            if values.isEmpty { return .int64(Int64(Date().timeIntervalSince1970)) }  // unix_timestamp()
            guard values.count == 2 else { return noPattern(values[0]) }
            return parse(values).map(shape) ?? .null
        }.vectorized { columns in
            guard !columns.isEmpty, let (micros, validity) = DateKernels.parse(columns) else { return nil }
            return Column(dataType: type, storage: column(micros), validity: validity)
        }
    }

    /// Timestamps (or seconds, as `micros` makes them) written per an optional pattern.
    static func formatting(_ name: String, _ arguments: [DataType], arity: ClosedRange<Int>, micros: @escaping @Sendable (Int64) -> Int64) -> Entry {
        .fixed(arguments, arity, returns: .string, name) { values in
            let value: Int64
            switch values[0] {
            case .timestamp(let number), .int64(let number): value = number
            default: return .null
            }
            guard let pattern = DateTimePattern(values.count > 1 ? StringFunctions.text(values[1]) : defaultPattern) else { return .null }
            return .string(pattern.format(micros(value)))
        }.vectorized { columns in
            guard case .int64(let values) = columns[0].storage else { return nil }
            let patterns = columns.count > 1 ? columns[1] : Column.repeating(.string(defaultPattern), .string, count: values.count)
            return DateKernels.format(values.map(micros), validity: columns[0].validity, patterns: patterns)
        }
    }

    /// `from_unixtime`'s pattern when it is given none.
    static let defaultPattern = "yyyy-MM-dd HH:mm:ss"

    static let entries: [String: Entry] = [
        "year": part("year") { $0.year },
        "month": part("month") { $0.month },
        "day": part("dayofmonth") { $0.day },
        "dayofmonth": part("dayofmonth") { $0.day },
        "dayofweek": .fixed([.date], returns: .int32, "dayofweek") { .int32(dayOfWeek(days($0[0]))) }
            .vectorized { DateKernels.mapDays($0[0], to: .int32, dayOfWeek) },
        "hour": clock("hour") { $0 / 3600 },
        "minute": clock("minute") { $0 / 60 % 60 },
        "second": clock("second") { $0 % 60 },
        "to_date": parsing("to_date", returns: .date, { .date(Int32(truncatingIfNeeded: TruncationUnit.count($0, of: microsPerDay))) },
                           noPattern: CastRules.toDate) { micros in .int32(micros.map { Int32(truncatingIfNeeded: TruncationUnit.count($0, of: microsPerDay)) }) },
        "to_timestamp": parsing("to_timestamp", returns: .timestamp, ScalarValue.timestamp, noPattern: CastRules.toTimestamp) { .int64($0) },
        "unix_timestamp": parsing("unix_timestamp", returns: .int64, arity: 0...2, { .int64(TruncationUnit.count($0, of: 1_000_000)) },
                                  noPattern: { CastRules.cast(CastRules.toTimestamp($0), to: .int64) }) {
            .int64($0.map { TruncationUnit.count($0, of: 1_000_000) })
        },
        "date_format": formatting("date_format", [.timestamp, .string], arity: 2...2) { $0 },
        // Seconds past the range of timestamps wrap, as Spark's multiplication does.
        "from_unixtime": formatting("from_unixtime", [.int64, .string], arity: 1...2) { $0 &* 1_000_000 },
        "date_trunc": .fixed([.string, .timestamp], returns: .timestamp, "date_trunc") { values in
            guard case .timestamp(let micros) = values[1], let unit = TruncationUnit(StringFunctions.text(values[0])) else { return .null }
            return .timestamp(unit.truncate(micros))
        }.vectorized { DateKernels.truncate($0) },
        "add_months": dayArithmetic("add_months", [.date, .int32], returns: .date, addMonths),
        "last_day": .fixed([.date], returns: .date, "last_day") { .date(lastDayOfMonth(days($0[0]))) }
            .vectorized { DateKernels.mapDays($0[0], to: .date, lastDayOfMonth) },
        "datediff": dayArithmetic("datediff", [.date, .date], returns: .int32) { $0 &- $1 },
        "date_add": dayArithmetic("date_add", [.date, .int32], returns: .date) { $0 &+ $1 },
        "date_sub": dayArithmetic("date_sub", [.date, .int32], returns: .date) { $0 &- $1 },
    ]
}
