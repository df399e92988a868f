/// One decimal number: an unscaled integer and the count of its digits after the point
/// (`12.30` is `1230` at scale 2).
public struct DecimalValue: Sendable, Hashable, CustomStringConvertible {
    public var unscaled: Int128
    public var scale: Int

    public init(unscaled: Int128, scale: Int) {
        self.unscaled = unscaled
        self.scale = scale
    }

    /// Plain notation, with exactly `scale` digits after the point (`-0.05`, `12.30`, `7`), as
    /// Spark casts a decimal to a string.
    public var description: String { DecimalMath.format(unscaled, scale: scale) }

    /// The value at `scale`, rounded half away from zero when digits are dropped; nil when it
    /// does not fit in `precision` digits.
    public func rescaled(to scale: Int, precision: Int) -> DecimalValue? {
        guard let value = DecimalMath.rescale(unscaled, from: self.scale, to: scale),
              DecimalMath.fits(value, precision: precision) else { return nil }
        return DecimalValue(unscaled: value, scale: scale)
    }

    /// The nearest double.
    public var doubleValue: Double { DecimalMath.double(unscaled, scale: scale) }
}

/// Arithmetic on unscaled `Int128` decimals: powers of ten, rescaling with HALF_UP rounding,
/// precision checks, and conversion to and from text and doubles.
public enum DecimalMath {
    /// 10^0 ... 10^38.
    public static let powersOfTen: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 1...38 { powers.append(powers.last! * 10) }
        return powers
    }()

    /// Whether `value` has at most `precision` digits.
    @inline(__always)
    public static func fits(_ value: Int128, precision: Int) -> Bool {
        let limit = powersOfTen[precision]
        return value < limit && value > -limit
    }

    /// `value` moved from scale `from` to scale `to` (HALF_UP when digits are dropped); nil on overflow.
    @inline(__always)
    public static func rescale(_ value: Int128, from: Int, to: Int) -> Int128? {
        if from == to { return value }
        if to > from {
            guard to - from <= 38 else { return value == 0 ? 0 : nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: powersOfTen[to - from])
            return overflow ? nil : product
        }
        guard from - to <= 38 else { return 0 }
        return divideRoundingHalfUp(value, powersOfTen[from - to])
    }

    /// `a / b` rounded half away from zero (`b` is not zero).
    @inline(__always)
    public static func divideRoundingHalfUp(_ a: Int128, _ b: Int128) -> Int128 {
        let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        guard remainder != 0 else { return quotient }
        let doubled = remainder.magnitude.multipliedReportingOverflow(by: 2)
        guard doubled.overflow || doubled.partialValue >= b.magnitude else { return quotient }
        return (a < 0) != (b < 0) ? quotient - 1 : quotient + 1
    }

    /// Plain notation with `scale` digits after the point.
    public static func format(_ value: Int128, scale: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<point] + "." + padded[point...]
    }

    /// Parses `[+-]digits[.digits][e[+-]digits]` at `scale` (HALF_UP), or nil when the text is
    /// not a number or does not fit in `precision` digits.
    public static func parse(_ text: some StringProtocol, precision: Int, scale: Int) -> Int128? {
        parse(utf8: text.utf8, precision: precision, scale: scale)
    }

    /// `parse(_:precision:scale:)` over UTF-8 bytes.
    public static func parse(utf8 text: some Collection<UInt8>, precision: Int, scale: Int) -> Int128? {
        var bytes = Array(text)[...]
        while let first = bytes.first, first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == UInt8(ascii: " ") { bytes = bytes.dropLast() }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        var exponent = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte - UInt8(ascii: "0")) }
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard let value = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)), abs(value) < 1000 else { return nil }
                exponent = value
                break
            } else {
                return nil
            }
            index += 1
        }
        guard bytes.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        // The number is digits × 10^(exponent - fractionDigits); keep at most 39 significant digits.
        var shift = exponent - fractionDigits + scale
        if digits.count > 39 {
            shift += digits.count - 39
            digits.removeLast(digits.count - 39)  // digits past the 39th cannot change a HALF_UP rounding at or above it
        }
        var value: Int128 = 0
        for digit in digits {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times + Int128(digit)
        }
        guard let scaled = shift >= 0 ? rescale(value, from: 0, to: shift) : rescale(value, from: -shift, to: 0),
              fits(scaled, precision: precision) else { return nil }
        return negative ? -scaled : scaled
    }

    /// The nearest double to `value / 10^scale`.
    public static func double(_ value: Int128, scale: Int) -> Double {
        if value.magnitude < (1 << 53), scale <= 22 { return Double(value) / pow10Double(scale) }
        return Double(format(value, scale: scale)) ?? .nan
    }

    /// `value` as an unscaled decimal at `scale` (HALF_UP), nil when not finite or too large.
    public static func fromDouble(_ value: Double, precision: Int, scale: Int) -> Int128? {
        guard value.isFinite else { return nil }
        return parse(value.description, precision: precision, scale: scale)
    }

    private static func pow10Double(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}

extension DecimalMath {
    /// Whether `a < b`, comparing across scales exactly.
    public static func less(_ a: DecimalValue, _ b: DecimalValue) -> Bool {
        if a.scale == b.scale { return a.unscaled < b.unscaled }
        let scale = max(a.scale, b.scale)
        guard let left = rescale(a.unscaled, from: a.scale, to: scale), let right = rescale(b.unscaled, from: b.scale, to: scale) else {
            return a.doubleValue < b.doubleValue
        }
        return left < right
    }
}
