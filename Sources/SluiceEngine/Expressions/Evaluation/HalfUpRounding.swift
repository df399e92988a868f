/// Spark's `round(x, d)` of a DOUBLE: the double's shortest decimal form (what Java's
/// `Double.toString` writes, and Scala's `BigDecimal(x)` reads) rounded HALF_UP to `d` places
/// after the point (before it, for a negative `d`), back to the nearest double. So
/// `round(2.675, 2)` is 2.68, though the double nearest 2.675 is a little below it.
enum HalfUpRounding {
    /// `x` rounded; NaN and the infinities as they are, zero without a sign.
    static func round(_ x: Double, places: Int) -> Double {
        guard x.isFinite else { return x }
        // Scale so that the digit to round at is the units digit, exactly when the power of ten is.
        let exact = places >= -22 && places <= 22
        if exact {
            let power = powersOfTen[abs(places)]
            let scaled = places >= 0 ? x * power : x / power
            if scaled.magnitude < 0x1p52 {
                let whole = scaled.rounded(.towardZero)
                // A fraction clearly away from one half rounds the same from the decimal form.
                if abs((scaled - whole).magnitude - 0.5) > scaled.magnitude * 0x1p-48 + 0x1p-60 {
                    let rounded = scaled.rounded(.toNearestOrAwayFromZero)
                    return (places >= 0 ? rounded / power : rounded * power) + 0.0
                }
            }
        }
        return decimalRound(x, places: places)
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in (0..<exponent).reduce(1.0) { product, _ in product * 10 } }

    /// The slow, exact path: rounds the digits of `x.description`.
    private static func decimalRound(_ x: Double, places: Int) -> Double {
        // `description` is the shortest form that reads back as `x`: digits, a point, maybe an exponent.
        let text = x.magnitude.description
        let parts = text.split(separator: "e")
        var exponent = parts.count > 1 ? Int(parts[1])! : 0
        let mantissa = parts[0]
        var digits = mantissa.utf8.filter { $0 != UInt8(ascii: ".") }.map { Int($0 - UInt8(ascii: "0")) }
        exponent -= mantissa.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
        // The value is digits × 10^exponent; keep the digits down to 10^-places.
        let dropped = -places - exponent
        guard dropped > 0 else { return x }
        let kept = digits.count - dropped
        guard kept >= 0 else { return 0 }
        let roundsUp = digits[kept] >= 5
        digits.removeLast(dropped)
        if roundsUp {
            var index = digits.count - 1
            while index >= 0, digits[index] == 9 { digits[index] = 0; index -= 1 }
            if index >= 0 { digits[index] += 1 } else { digits.insert(1, at: 0) }
        }
        let magnitude = Double((digits.isEmpty ? "0" : digits.map(String.init).joined()) + "e\(-places)")!
        return (x < 0 ? -magnitude : magnitude) + 0.0
    }
}
