import Foundation

/// Date and time functions over dates (days) and timestamps (microseconds, UTC); patterns
/// follow Spark's datetime pattern letters (`DateTimePattern`).
enum DateFunctions {
    typealias Entry = FunctionCatalog.Entry

    static func days(_ value: ScalarValue) -> Int {
        switch value {
        case .date(let days): Int(days)
        case .timestamp(let micros): Int((micros - ((micros % 86_400_000_000) + 86_400_000_000) % 86_400_000_000) / 86_400_000_000)
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

    /// `micros` truncated to the start of its year, quarter, month, week (Monday), day, hour, minute or second.
    static func truncate(_ micros: Int64, unit: String) -> Int64? {
        let day = Int64(days(.timestamp(micros)))
        let (year, month, _) = Temporal.civil(days: Int(day))
        let dayStart = day * 86_400_000_000
        switch unit {
        case "year", "yyyy", "yy": return Int64(Temporal.days(year: year, month: 1, day: 1)) * 86_400_000_000
        case "quarter": return Int64(Temporal.days(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)) * 86_400_000_000
        case "month", "mon", "mm": return Int64(Temporal.days(year: year, month: month, day: 1)) * 86_400_000_000
        case "week": return (day - (((day + 3) % 7) + 7) % 7) * 86_400_000_000
        case "day", "dd": return dayStart
        case "hour": return micros - ((micros % 3_600_000_000) + 3_600_000_000) % 3_600_000_000
        case "minute": return micros - ((micros % 60_000_000) + 60_000_000) % 60_000_000
        case "second": return micros - ((micros % 1_000_000) + 1_000_000) % 1_000_000
        default: return nil
        }
    }

    static func secondOfDay(_ value: ScalarValue) -> Int {
        guard case .timestamp(let micros) = value else { return 0 }
        return Int(((micros % 86_400_000_000) + 86_400_000_000) % 86_400_000_000 / 1_000_000)
    }

    static func part(_ name: String, _ extract: @escaping @Sendable ((year: Int, month: Int, day: Int)) -> Int) -> Entry {
        .fixed([.date], returns: .int32, name) { .int32(Int32(extract(Temporal.civil(days: days($0[0]))))) }
            .vectorized { columns in
                guard case .int32(let days) = columns[0].storage else { return nil }
                return Column(dataType: .int32, storage: .int32(days.map { Int32(extract(Temporal.civil(days: Int($0)))) }),
                              validity: columns[0].validity)
            }
    }

    static func clock(_ name: String, _ extract: @escaping @Sendable (Int) -> Int) -> Entry {
        .fixed([.timestamp], returns: .int32, name) { .int32(Int32(extract(secondOfDay($0[0])))) }
            .vectorized { columns in
                guard case .int64(let micros) = columns[0].storage else { return nil }
                return Column(dataType: .int32, storage: .int32(micros.map { Int32(extract(secondOfDay(.timestamp($0)))) }),
                              validity: columns[0].validity)
            }
    }

    static let entries: [String: Entry] = [
        "year": part("year") { $0.year },
        "month": part("month") { $0.month },
        "day": part("dayofmonth") { $0.day },
        "dayofmonth": part("dayofmonth") { $0.day },
        "dayofweek": .fixed([.date], returns: .int32, "dayofweek") { values in
            // 1970-01-01 was a Thursday; Spark numbers Sunday 1 ... Saturday 7.
            .int32(Int32(((days(values[0]) + 4) % 7 + 7) % 7 + 1))
        },
        "hour": clock("hour") { $0 / 3600 },
        "minute": clock("minute") { $0 / 60 % 60 },
        "second": clock("second") { $0 % 60 },
        "to_date": .fixed([.string, .string], 1...2, returns: .date, "to_date") { values in
            guard values.count == 2 else { return CastRules.toDate(values[0]) }
            return parse(values).map { CastRules.toDate(.timestamp($0)) } ?? .null
        },
        "to_timestamp": .fixed([.string, .string], 1...2, returns: .timestamp, "to_timestamp") { values in
            guard values.count == 2 else { return CastRules.toTimestamp(values[0]) }
            return parse(values).map(ScalarValue.timestamp) ?? .null
        },
        "date_format": .fixed([.timestamp, .string], returns: .string, "date_format") { values in
            guard case .timestamp(let micros) = values[0], let pattern = DateTimePattern(StringFunctions.text(values[1])) else { return .null }
            return .string(pattern.format(micros))
        },
        "unix_timestamp": .fixed([.string, .string], 0...2, returns: .int64, "unix_timestamp") { values in
            if values.isEmpty { return .int64(Int64(Date().timeIntervalSince1970)) }
            let micros: Int64?
            if values.count == 2 { micros = parse(values) } else if case .timestamp(let m) = CastRules.toTimestamp(values[0]) { micros = m } else { micros = nil }
            return micros.map { .int64($0 >= 0 ? $0 / 1_000_000 : ($0 - 999_999) / 1_000_000) } ?? .null
        },
        "from_unixtime": .fixed([.int64, .string], 1...2, returns: .string, "from_unixtime") { values in
            guard case .int64(let seconds) = values[0],
                  let pattern = DateTimePattern(values.count > 1 ? StringFunctions.text(values[1]) : "yyyy-MM-dd HH:mm:ss") else { return .null }
            return .string(pattern.format(seconds * 1_000_000))
        },
        "date_trunc": .fixed([.string, .timestamp], returns: .timestamp, "date_trunc") { values in
            guard case .timestamp(let micros) = values[1] else { return .null }
            return truncate(micros, unit: StringFunctions.text(values[0]).lowercased()).map(ScalarValue.timestamp) ?? .null
        },
        "add_months": .fixed([.date, .int32], returns: .date, "add_months") { values in
            let (year, month, day) = Temporal.civil(days: days(values[0]))
            let total = year * 12 + (month - 1) + StringFunctions.int(values[1])
            let (newYear, newMonth) = (total >= 0 ? total / 12 : (total - 11) / 12, ((total % 12) + 12) % 12 + 1)
            return .date(Int32(Temporal.days(year: newYear, month: newMonth, day: min(day, lastDay(newYear, newMonth)))))
        },
        "last_day": .fixed([.date], returns: .date, "last_day") { values in
            let (year, month, _) = Temporal.civil(days: days(values[0]))
            return .date(Int32(Temporal.days(year: year, month: month, day: lastDay(year, month))))
        },
        "datediff": .fixed([.date, .date], returns: .int32, "datediff") { .int32(Int32(days($0[0]) - days($0[1]))) },
        "date_add": .fixed([.date, .int32], returns: .date, "date_add") { .date(Int32(days($0[0]) + StringFunctions.int($0[1]))) },
        "date_sub": .fixed([.date, .int32], returns: .date, "date_sub") { .date(Int32(days($0[0]) - StringFunctions.int($0[1]))) },
    ]
}
