/// Date and time functions over dates (days) and timestamps (microseconds, UTC).
enum DateFunctions {
    typealias Entry = FunctionCatalog.Entry

    static func days(_ value: ScalarValue) -> Int {
        switch value {
        case .date(let days): Int(days)
        case .timestamp(let micros): Int((micros - ((micros % 86_400_000_000) + 86_400_000_000) % 86_400_000_000) / 86_400_000_000)
        default: 0
        }
    }

    static func secondOfDay(_ value: ScalarValue) -> Int {
        guard case .timestamp(let micros) = value else { return 0 }
        return Int(((micros % 86_400_000_000) + 86_400_000_000) % 86_400_000_000 / 1_000_000)
    }

    static func part(_ name: String, _ extract: @escaping @Sendable ((year: Int, month: Int, day: Int)) -> Int) -> Entry {
        .fixed([.date], returns: .int32, name) { .int32(Int32(extract(Temporal.civil(days: days($0[0]))))) }
    }

    static func clock(_ name: String, _ extract: @escaping @Sendable (Int) -> Int) -> Entry {
        .fixed([.timestamp], returns: .int32, name) { .int32(Int32(extract(secondOfDay($0[0])))) }
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
        "to_date": .fixed([.date], returns: .date, "to_date") { $0[0] },
        "to_timestamp": .fixed([.timestamp], returns: .timestamp, "to_timestamp") { $0[0] },
        "datediff": .fixed([.date, .date], returns: .int32, "datediff") { .int32(Int32(days($0[0]) - days($0[1]))) },
        "date_add": .fixed([.date, .int32], returns: .date, "date_add") { .date(Int32(days($0[0]) + StringFunctions.int($0[1]))) },
        "date_sub": .fixed([.date, .int32], returns: .date, "date_sub") { .date(Int32(days($0[0]) - StringFunctions.int($0[1]))) },
    ]
}
