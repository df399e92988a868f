import CMariaDB
import SluiceEngine

/// Conversions between the engine's days and microseconds and `MYSQL_TIME`.
enum MySQLTime {
    static func make(micros: Int64, date: Bool) -> MYSQL_TIME {
        var days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        if rest < 0 { days -= 1; rest += 86_400_000_000 }
        let (year, month, day) = Temporal.civil(days: Int(days))
        var time = MYSQL_TIME()
        time.year = UInt32(max(0, year))
        time.month = UInt32(month)
        time.day = UInt32(day)
        time.hour = UInt32(rest / 3_600_000_000)
        time.minute = UInt32(rest / 60_000_000 % 60)
        time.second = UInt32(rest / 1_000_000 % 60)
        time.second_part = UInt(rest % 1_000_000)
        time.time_type = date ? MYSQL_TIMESTAMP_DATE : MYSQL_TIMESTAMP_DATETIME
        return time
    }

    /// Days since 1970-01-01, or nil for MySQL's zero date (`0000-00-00`).
    static func days(_ time: MYSQL_TIME) -> Int? {
        guard time.month > 0, time.day > 0 else { return nil }
        return Temporal.days(year: Int(time.year), month: Int(time.month), day: Int(time.day))
    }

    /// Microseconds since the epoch, or nil for the zero date.
    static func micros(_ time: MYSQL_TIME) -> Int64? {
        guard let days = days(time) else { return nil }
        let seconds = Int64(time.hour) * 3600 + Int64(time.minute) * 60 + Int64(time.second)
        return Int64(days) * 86_400_000_000 + seconds * 1_000_000 + Int64(time.second_part)
    }
}
