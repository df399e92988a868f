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
}
