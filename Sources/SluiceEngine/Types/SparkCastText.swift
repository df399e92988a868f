/// Text cast to a date or a timestamp as Spark casts it (`CAST(s AS DATE)`, `to_date(s)`
/// without a pattern), which is more lenient than the `yyyy-MM-dd` that files are read with:
///
/// - dates: `yyyy`, `yyyy-[m]m`, `yyyy-[m]m-[d]d`, then optionally a space or `T` and
///   anything (`2025`, `2025-3`, `2025-3-7`, `2025-03-07T10:00:00`, `2025-03-07 junk`);
/// - timestamps: the same dates, then optionally a space or `T` and
///   `[h]h:[m]m[:[s]s[.fraction]]` with an optional `Z` or offset (`+05:30`, `+0530`, `-8`).
///
/// The year has four to seven digits and an optional sign; surrounding whitespace and control
/// characters are ignored; anything else gives nil (NULL). No offset means UTC.
public enum SparkCastText {
    public static func date(_ text: UnsafeRawBufferPointer) -> Int32? {
        var cursor = Cursor(trimming: text)
        guard let days = cursor.date() else { return nil }
        if cursor.atEnd { return Int32(exactly: days) }
        guard cursor.take(UInt8(ascii: " ")) || cursor.take(UInt8(ascii: "T")) else { return nil }
        return Int32(exactly: days)
    }

    public static func timestamp(_ text: UnsafeRawBufferPointer) -> Int64? {
        var cursor = Cursor(trimming: text)
        guard let days = cursor.date() else { return nil }
        let midnight = Int64(days) * 86_400_000_000
        if cursor.atEnd { return midnight }
        guard cursor.take(UInt8(ascii: " ")) || cursor.take(UInt8(ascii: "T")),
              let hour = cursor.number(maxDigits: 2), hour < 24, cursor.take(UInt8(ascii: ":")),
              let minute = cursor.number(maxDigits: 2), minute < 60 else { return nil }
        var micros = midnight + Int64(hour * 3600 + minute * 60) * 1_000_000
        if cursor.take(UInt8(ascii: ":")) {
            guard let second = cursor.number(maxDigits: 2), second < 60 else { return nil }
            micros += Int64(second) * 1_000_000
            if cursor.take(UInt8(ascii: ".")) {
                guard let fraction = cursor.fraction() else { return nil }
                micros += fraction
            }
        }
        if cursor.atEnd { return micros }
        if cursor.take(UInt8(ascii: "Z")) { return cursor.atEnd ? micros : nil }
        guard let offset = cursor.offset(), cursor.atEnd else { return nil }
        return micros - offset
    }

    public static func date(_ text: String) -> Int32? { Temporal.utf8(text, date) }

    public static func timestamp(_ text: String) -> Int64? { Temporal.utf8(text, timestamp) }

    /// Reads the text front to back.
    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index: Int
        let end: Int

        init(trimming bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
            var start = 0, end = bytes.count
            while start < end, bytes[start] <= 0x20 { start += 1 }
            while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
            index = start
            self.end = end
        }

        var atEnd: Bool { index == end }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < end, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// One to `maxDigits` decimal digits.
        mutating func number(maxDigits: Int) -> Int? {
            var value = 0, count = 0
            while index < end, count < maxDigits, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                count += 1
            }
            guard count > 0, index == end || bytes[index] < 0x30 || bytes[index] > 0x39 else { return nil }
            return value
        }

        /// `[+-]yyyy[-[m]m[-[d]d]]` as days since 1970-01-01; a missing month or day is the first.
        mutating func date() -> Int? {
            let negative = take(UInt8(ascii: "-"))
            if !negative { _ = take(UInt8(ascii: "+")) }
            let start = index
            guard let magnitude = number(maxDigits: 7), index - start >= 4 else { return nil }
            let year = negative ? -magnitude : magnitude
            var month = 1, day = 1
            if take(UInt8(ascii: "-")) {
                guard let value = number(maxDigits: 2), (1...12).contains(value) else { return nil }
                month = value
                if take(UInt8(ascii: "-")) {
                    guard let value = number(maxDigits: 2), value >= 1, value <= Temporal.daysIn(month: month, year: year) else { return nil }
                    day = value
                }
            }
            return Temporal.days(year: year, month: month, day: day)
        }

        /// Digits after a decimal point, as microseconds (digits beyond the sixth dropped).
        mutating func fraction() -> Int64? {
            var micros: Int64 = 0, scale: Int64 = 100_000, count = 0
            while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                micros += Int64(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
                count += 1
            }
            return count > 0 ? micros : nil
        }

        /// `±h`, `±hh`, `±hh:mm` or `±hhmm`, in microseconds east of UTC.
        mutating func offset() -> Int64? {
            let sign: Int64
            if take(UInt8(ascii: "+")) { sign = 1 } else if take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
            let start = index
            guard let digits = number(maxDigits: 4) else { return nil }
            var hours = digits, minutes = 0
            if index - start > 2 {
                guard index - start == 4 else { return nil }
                (hours, minutes) = (digits / 100, digits % 100)
            } else if take(UInt8(ascii: ":")) {
                let minuteStart = index
                guard let value = number(maxDigits: 2), index - minuteStart == 2 else { return nil }
                minutes = value
            }
            guard hours <= 18, minutes < 60 else { return nil }
            return sign * Int64(hours * 3600 + minutes * 60) * 1_000_000
        }
    }
}
