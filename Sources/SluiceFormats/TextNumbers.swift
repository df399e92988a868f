import SluiceEngine

/// Writes numbers, dates and timestamps as ASCII bytes without building `String`s.
enum TextNumbers {
    /// Decimal digits of an integer.
    static func append(_ value: Int64, to out: inout [UInt8]) {
        if value == 0 { out.append(UInt8(ascii: "0")); return }
        var magnitude = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits, kept on the stack
        withUnsafeMutableBytes(of: &digits) { buffer in
            var count = 0
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// A double in the shortest form that reads back exactly; `NaN`, `Infinity`, `-Infinity`
    /// for the specials.
    static func append(_ value: Double, to out: inout [UInt8]) {
        if value.isNaN { out.append(contentsOf: "NaN".utf8); return }
        if value.isInfinite { out.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8); return }
        if value == value.rounded(), abs(value) < 1e15 {
            // Integral values: digits and ".0", as Swift and Spark print them, without a String.
            append(Int64(value), to: &out)
            if value == 0, value.sign == .minus { out.insert(UInt8(ascii: "-"), at: out.count - 1) }
            out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "0")])
            return
        }
        out.append(contentsOf: value.description.utf8)
    }

    /// `yyyy-MM-dd`.
    static func appendDate(_ days: Int, to out: inout [UInt8]) {
        let (year, month, day) = Temporal.civil(days: days)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        appendPadded(abs(year), width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(day, width: 2, to: &out)
    }

    /// ISO 8601 in UTC: `yyyy-MM-ddTHH:mm:ss[.ffffff]Z`, trailing zeros of the fraction trimmed.
    static func appendTimestamp(_ micros: Int64, to out: inout [UInt8]) {
        var days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        if rest < 0 { days -= 1; rest += 86_400_000_000 }
        appendDate(Int(days), to: &out)
        let seconds = Int(rest / 1_000_000)
        var fraction = Int(rest % 1_000_000)
        out.append(UInt8(ascii: "T"))
        appendPadded(seconds / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(seconds / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(seconds % 60, width: 2, to: &out)
        if fraction != 0 {
            var width = 6
            while fraction % 10 == 0 { fraction /= 10; width -= 1 }
            out.append(UInt8(ascii: "."))
            appendPadded(fraction, width: width, to: &out)
        }
        out.append(UInt8(ascii: "Z"))
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
