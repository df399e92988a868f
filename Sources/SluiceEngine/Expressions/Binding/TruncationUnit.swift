/// A unit `date_trunc` truncates timestamps (UTC microseconds) to, by Spark's names for it.
enum TruncationUnit: Sendable {
    case year, quarter, month, week, day, hour, minute, second, millisecond, microsecond

    /// The unit `name` (any case) names; nil for names Spark does not know.
    init?(_ name: String) {
        switch name.lowercased() {
        case "year", "yyyy", "yy": self = .year
        case "quarter": self = .quarter
        case "month", "mon", "mm": self = .month
        case "week": self = .week
        case "day", "dd": self = .day
        case "hour": self = .hour
        case "minute": self = .minute
        case "second": self = .second
        case "millisecond": self = .millisecond
        case "microsecond": self = .microsecond
        default: return nil
        }
    }

    /// `micros` truncated to the start of its unit (weeks start on Monday).
    func truncate(_ micros: Int64) -> Int64 {
        let microsPerDay: Int64 = 86_400_000_000
        switch self {
        case .hour: return Self.floor(micros, 3_600_000_000)
        case .minute: return Self.floor(micros, 60_000_000)
        case .second: return Self.floor(micros, 1_000_000)
        case .millisecond: return Self.floor(micros, 1000)
        case .microsecond: return micros
        case .day: return Self.floor(micros, microsPerDay)
        case .week:
            let day = Self.floor(micros, microsPerDay) / microsPerDay
            return (day - ((day + 3) % 7 + 7) % 7) * microsPerDay  // 1970-01-01 was a Thursday
        case .year, .quarter, .month:
            let (year, month, _) = Temporal.civil(days: Int(Self.floor(micros, microsPerDay) / microsPerDay))
            let first = self == .year ? 1 : self == .quarter ? (month - 1) / 3 * 3 + 1 : month
            return Int64(Temporal.days(year: year, month: first, day: 1)) * microsPerDay
        }
    }

    /// `value` rounded down to a multiple of `unit`.
    static func floor(_ value: Int64, _ unit: Int64) -> Int64 {
        value - ((value % unit) + unit) % unit
    }

    /// How many whole `unit`s `value` holds, rounded down (`-1` microsecond is day -1).
    static func count(_ value: Int64, of unit: Int64) -> Int64 {
        floor(value, unit) / unit
    }
}
