import SluiceEngine

/// PostgreSQL's binary `numeric`: a digit count, a weight (the power of 10000 of the first
/// digit), a sign (0 positive, 0x4000 negative, 0xC000 NaN, 0xD000/0xF000 infinities), the
/// display scale, then base-10000 digits, all 16-bit big-endian.
enum PostgresNumeric {
    /// The value as an unscaled integer at `scale` (HALF_UP); nil for NaN, the infinities,
    /// malformed bytes, or more than 128 bits.
    static func unscaled(_ value: UnsafeRawBufferPointer, scale: Int) -> Int128? {
        guard value.count >= 8 else { return nil }
        let count = Int(value.bigEndian(Int16.self, at: 0))
        let weight = Int(value.bigEndian(Int16.self, at: 2))
        let sign = value.bigEndian(UInt16.self, at: 4)
        guard sign == 0 || sign == 0x4000, count >= 0, value.count == 8 + 2 * count else { return nil }
        // Beyond 9 base-10000 digits (36 decimal ones) the exact integer may not fit 128 bits:
        // go through the decimal text, which rounds at the scale first.
        if count > 9 {
            var text = sign == 0x4000 ? "-" : ""
            for index in 0..<count {
                let group = String(value.bigEndian(Int16.self, at: 8 + 2 * index))
                text += index == 0 ? group : String(repeating: "0", count: 4 - group.count) + group
            }
            text += "e" + String(4 * (weight - count + 1))
            return DecimalMath.parse(text, precision: DataType.maxDecimalPrecision, scale: scale)
        }
        var digits: Int128 = 0
        for index in 0..<count {
            let digit = Int128(value.bigEndian(Int16.self, at: 8 + 2 * index))
            let (shifted, overflow) = digits.multipliedReportingOverflow(by: 10_000)
            guard !overflow else { return nil }
            digits = shifted + digit
        }
        // digits × 10000^(weight − count + 1), brought to `scale` decimal places.
        let exponent = 4 * (weight - count + 1) + scale
        let magnitude = exponent >= 0 ? DecimalMath.rescale(digits, from: 0, to: exponent) : DecimalMath.rescale(digits, from: -exponent, to: 0)
        guard let magnitude else { return nil }
        return sign == 0x4000 ? -magnitude : magnitude
    }
}
