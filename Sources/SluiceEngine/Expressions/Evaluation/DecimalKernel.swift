/// `+ - * / %` over decimal columns, each operand at its own scale, into the result type
/// that `DecimalTypeRules` gives. Exact in `Int128`; a result that does not fit the result's
/// precision, or whose intermediate overflows 128 bits, is null (Spark's non-ANSI overflow).
enum DecimalKernel {
    static func apply(_ op: BinaryOperator, _ left: Column, _ right: Column, type: DataType) -> Column {
        guard case .decimal(let precision, let scale) = type else { preconditionFailure("\(type) is not a decimal") }
        let a = left.decimals, b = right.decimals
        let leftScale = left.dataType.decimalScale, rightScale = right.dataType.decimalScale
        var out = [Int128](repeating: 0, count: a.count)
        var failed: [Int] = []
        for i in 0..<a.count {
            let value: Int128?
            switch op {
            case .add, .subtract:
                let common = max(leftScale, rightScale)
                if let x = DecimalMath.rescale(a[i], from: leftScale, to: common),
                   let y = DecimalMath.rescale(b[i], from: rightScale, to: common) {
                    let (sum, overflow) = op == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
                    value = overflow ? nil : DecimalMath.rescale(sum, from: common, to: scale)
                } else {
                    value = nil
                }
            case .multiply:
                let (product, overflow) = a[i].multipliedReportingOverflow(by: b[i])
                value = overflow ? nil : DecimalMath.rescale(product, from: leftScale + rightScale, to: scale)
            case .divide:
                value = divide(a[i], leftScale, b[i], rightScale, scale: scale)
            default:
                let common = max(leftScale, rightScale)
                if b[i] != 0, let x = DecimalMath.rescale(a[i], from: leftScale, to: common),
                   let y = DecimalMath.rescale(b[i], from: rightScale, to: common) {
                    value = DecimalMath.rescale(x % y, from: common, to: scale)
                } else {
                    value = nil
                }
            }
            if let value, DecimalMath.fits(value, precision: precision) { out[i] = value } else { failed.append(i) }
        }
        let validity = ArithmeticKernel.nullify(failed, Bitmap.and(left.validity, right.validity), count: a.count)
        return Column(dataType: type, storage: .decimal(out), validity: validity)
    }

    /// `(a / 10^sa) / (b / 10^sb)` at `scale`, HALF_UP; nil when `b` is zero or on overflow.
    static func divide(_ a: Int128, _ leftScale: Int, _ b: Int128, _ rightScale: Int, scale: Int) -> Int128? {
        guard b != 0 else { return nil }
        let shift = scale + rightScale - leftScale
        if shift >= 0 {
            guard let numerator = DecimalMath.rescale(a, from: 0, to: shift) else { return nil }
            return DecimalMath.divideRoundingHalfUp(numerator, b)
        }
        guard let denominator = DecimalMath.rescale(b, from: 0, to: -shift) else { return 0 }
        return DecimalMath.divideRoundingHalfUp(a, denominator)
    }
}
