/// Dates and timestamps as Sluice stores them (days and microseconds since 1970-01-01 UTC),
/// parsed from and formatted to text by hand: no locale, no `DateFormatter`, no allocation
/// on the parse path.
public enum Temporal {
    /// Days since 1970-01-01 of a proleptic Gregorian date.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number.
    public static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses `yyyy-MM-dd`; nil unless the text is exactly a valid date.
    public static func parseDate(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard bytes.count == 10, let days = parseDatePrefix(bytes) else { return nil }
        return Int32(days)
    }

    /// Parses a timestamp: `yyyy-MM-dd`, then optionally `T` or a space and `HH:mm[:ss[.fraction]]`,
    /// then optionally `Z` or an offset `±HH:MM` / `±HHMM`. No offset means UTC.
    /// Fractions beyond microseconds are truncated. Nil unless the whole text matches.
    public static func parseTimestamp(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard bytes.count >= 10, let days = parseDatePrefix(bytes) else { return nil }
        var micros = Int64(days) * 86_400_000_000
        var index = 10
        if index == bytes.count { return micros }
        guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else { return nil }
        index += 1
        guard let hour = digits(bytes, index, 2), hour < 24, index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: ":"),
              let minute = digits(bytes, index + 3, 2), minute < 60 else { return nil }
        index += 5
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let value = digits(bytes, index + 1, 2), value < 60 else { return nil }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var fraction = 0
                var scale = 100_000
                let start = index
                while index < bytes.count, let digit = digit(bytes[index]) {
                    if scale > 0 { fraction += digit * scale; scale /= 10 }
                    index += 1
                }
                guard index > start else { return nil }
                micros += Int64(fraction)
            }
        }
        micros += Int64(hour * 3600 + minute * 60 + second) * 1_000_000
        guard index < bytes.count else { return micros }
        if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.count { return micros }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = bytes[index] == UInt8(ascii: "+") ? 1 : -1
        guard let offsetHours = digits(bytes, index + 1, 2), offsetHours < 24 else { return nil }
        var offsetMinutes = 0
        switch bytes.count - index {
        case 3: break
        case 5: guard let value = digits(bytes, index + 3, 2) else { return nil }; offsetMinutes = value
        case 6:
            guard bytes[index + 3] == UInt8(ascii: ":"), let value = digits(bytes, index + 4, 2) else { return nil }
            offsetMinutes = value
        default: return nil
        }
        return micros - sign * Int64(offsetHours * 3600 + offsetMinutes * 60) * 1_000_000
    }

    public static func parseDate(_ text: String) -> Int32? { utf8(text, parseDate) }

    public static func parseTimestamp(_ text: String) -> Int64? { utf8(text, parseTimestamp) }

    /// `parse` applied to the UTF-8 bytes of `text`.
    static func utf8<T>(_ text: String, _ parse: (UnsafeRawBufferPointer) -> T) -> T {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// `yyyy-MM-dd` (years before 1 or after 9999 are written with a sign or more digits).
    public static func formatDate(_ days: Int32) -> String {
        var bytes: [UInt8] = []
        appendDate(Int(days), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ISO 8601 in UTC: `2025-01-02T03:04:05Z`, with `.ffffff` (trailing zeros trimmed) when
    /// the fraction is not zero.
    public static func formatTimestamp(_ micros: Int64) -> String {
        var bytes: [UInt8] = []
        appendTimestamp(micros, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Helpers

    private static func parseDatePrefix(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return days(year: year, month: month, day: day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    @inline(__always)
    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func digits(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            guard let digit = digit(bytes[index]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
