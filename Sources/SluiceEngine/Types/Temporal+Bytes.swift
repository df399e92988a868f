/// Dates and timestamps written as ASCII bytes, without building `String`s: the one
/// implementation behind `formatDate`, `formatTimestamp` and the text writers.
extension Temporal {
    /// `yyyy-MM-dd`.
    public static func appendDate(_ days: Int, to out: inout [UInt8]) {
        let (year, month, day) = civil(days: days)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        appendPadded(abs(year), width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(day, width: 2, to: &out)
    }

    /// ISO 8601 in UTC: `yyyy-MM-ddTHH:mm:ss[.ffffff]Z`, trailing zeros of the fraction trimmed;
    /// without the `Z` for a timestamp in no time zone (`zone: false`).
    public static func appendTimestamp(_ micros: Int64, zone: Bool = true, to out: inout [UInt8]) {
        var days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        if rest < 0 { days -= 1; rest += 86_400_000_000 }
        let (year, month, day) = civil(days: Int(days))
        let seconds = Int(rest / 1_000_000)
        var fraction = Int(rest % 1_000_000)
        // At most `yyyy-MM-ddTHH:mm:ss.ffffffZ` (27 bytes), assembled on the stack and appended once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { text in
            var count = 0
            func put(_ byte: UInt8) { text[count] = byte; count += 1 }
            func put(_ value: Int, width: Int) {
                var divisor = 1
                var probe = value / 10
                var digits = 1
                while probe > 0 { digits += 1; probe /= 10 }
                for _ in 1..<max(width, digits) { divisor *= 10 }
                while divisor > 0 {
                    put(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                    divisor /= 10
                }
            }
            if year < 0 { put(UInt8(ascii: "-")) }
            put(abs(year), width: 4)
            put(UInt8(ascii: "-"))
            put(month, width: 2)
            put(UInt8(ascii: "-"))
            put(day, width: 2)
            put(UInt8(ascii: "T"))
            put(seconds / 3600, width: 2)
            put(UInt8(ascii: ":"))
            put(seconds / 60 % 60, width: 2)
            put(UInt8(ascii: ":"))
            put(seconds % 60, width: 2)
            if fraction != 0 {
                var width = 6
                while fraction % 10 == 0 { fraction /= 10; width -= 1 }
                put(UInt8(ascii: "."))
                put(fraction, width: width)
            }
            if zone { put(UInt8(ascii: "Z")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[0..<count]))
        }
    }

    private static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits = 1
        var probe = value / 10
        while probe > 0 { digits += 1; probe /= 10 }
        var divisor = 1
        for _ in 1..<max(width, digits) { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(remaining / divisor % 10))
            remaining %= divisor
            divisor /= 10
        }
    }
}
