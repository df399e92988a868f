import Foundation
import SluiceEngine

/// UTC times as Sluice prints them in logs and tables, formatted by hand: a date formatter's
/// first use loads calendar and time-zone data, which cost every run about a millisecond.
public enum UTCText {
    /// `2025-11-25T03:30:15.123Z`: to the nearest millisecond, for log records.
    public static func milliseconds(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = floorDivision(millis, 1000)
        return text(seconds: seconds, separator: "T") + "." + padded(Int(fraction), 3) + "Z"
    }

    /// `2025-11-24 03:30:15.123456`: to the nearest microsecond, as the state store keeps
    /// run starts and `${last_run_timestamp}` gives them.
    public static func microseconds(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, fraction) = floorDivision(micros, 1_000_000)
        return text(seconds: seconds, separator: " ") + "." + padded(Int(fraction), 6)
    }

    /// `2025-11-25 03:30:15`: whole seconds (rounded down), for tables.
    public static func seconds(_ date: Date) -> String {
        text(seconds: Int64(date.timeIntervalSince1970.rounded(.down)), separator: " ")
    }

    private static func text(seconds: Int64, separator: String) -> String {
        let (days, second) = floorDivision(seconds, 86_400)
        let (year, month, day) = Temporal.civil(days: Int(days))
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2) + separator
            + padded(Int(second / 3600), 2) + ":" + padded(Int(second / 60 % 60), 2) + ":" + padded(Int(second % 60), 2)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
