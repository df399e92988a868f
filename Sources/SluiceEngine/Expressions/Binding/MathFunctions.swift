import Foundation

/// Numeric functions, with Spark's semantics (round half up; floor and ceil return BIGINT; `mod`
/// and `pmod` by zero are null).
enum MathFunctions {
    typealias Entry = FunctionCatalog.Entry

    static func double(_ value: ScalarValue) -> Double {
        switch value {
        case .int32(let v): Double(v)
        case .int64(let v): Double(v)
        case .float64(let v): v
        default: .nan
        }
    }

    /// Keeps the argument's numeric type (abs, mod).
    static func sameNumeric(_ name: String, arity: ClosedRange<Int>, _ body: @escaping @Sendable ([ScalarValue]) -> ScalarValue) -> Entry {
        Entry(arity: arity, argumentTypes: nil, result: { types in
            let numeric = types.compactMap { $0 }.filter(TypeCoercion.isNumeric)
            return numeric.reduce(numeric.first ?? .float64, TypeCoercion.widerNumeric)
        }, function: RowFunction(name, body))
    }

    /// `floor(x)` as Spark's BIGINT: NaN is 0, values past the range saturate (as the JVM converts).
    static let floor = Entry.fixed([.float64], returns: .int64, "floor") { .int64(Int64(clamping: double($0[0]).rounded(.down))) }
        .vectorized { MathKernels.bigints($0[0]) { Int64(clamping: $0.rounded(.down)) } }
    /// `ceil(x)`, likewise.
    static let ceil = Entry.fixed([.float64], returns: .int64, "ceil") { .int64(Int64(clamping: double($0[0]).rounded(.up))) }
        .vectorized { MathKernels.bigints($0[0]) { Int64(clamping: $0.rounded(.up)) } }
    static let pow = Entry.fixed([.float64, .float64], returns: .float64, "pow") { .float64(javaPow(double($0[0]), double($0[1]))) }
        .vectorized { MathKernels.doubles($0, javaPow) }

    /// Java's `Math.pow`, which differs from C's where C gives 1: a NaN exponent gives NaN, and so
    /// does ±1 to an infinite power.
    @Sendable static func javaPow(_ base: Double, _ exponent: Double) -> Double {
        if exponent.isNaN || (base.magnitude == 1 && exponent.isInfinite) { return .nan }
        return Foundation.pow(base, exponent)
    }

    /// `mod(a, n)`, or `pmod` when `positive`; null when `n` is 0; the smallest integer mod -1 is 0, as on the JVM.
    static func remainder(_ values: [ScalarValue], positive: Bool) -> ScalarValue {
        switch (values[0], values[1]) {
        case (.int32(let a), .int32(let n)): return n == 0 ? .null : .int32(integerRemainder(a, n, positive: positive))
        case (.int64(let a), .int64(let n)): return n == 0 ? .null : .int64(integerRemainder(a, n, positive: positive))
        case (.decimal(let a), .decimal(let n)) where a.scale == n.scale:
            guard n.unscaled != 0 else { return .null }
            let r = a.unscaled % n.unscaled
            return .decimal(DecimalValue(unscaled: positive ? MathKernels.positiveRemainder(r, n.unscaled) : r, scale: a.scale))
        default:
            let n = double(values[1])
            guard n != 0 else { return .null }
            let r = fmod(double(values[0]), n)
            return .float64(positive ? MathKernels.positiveRemainder(r, n) : r)
        }
    }

    /// The remainder of `a / n` (`n` not 0), made positive by `pmod`.
    private static func integerRemainder<Value: FixedWidthInteger>(_ a: Value, _ n: Value, positive: Bool) -> Value {
        let r = a.remainderReportingOverflow(dividingBy: n).partialValue
        return positive ? MathKernels.positiveRemainder(r, n) : r
    }

    static let entries: [String: Entry] = [
        "abs": sameNumeric("abs", arity: 1...1) { values -> ScalarValue in
            switch values[0] {
            case .int32(let v): .int32(v == .min ? v : abs(v))
            case .int64(let v): .int64(v == .min ? v : abs(v))
            case .float64(let v): .float64(abs(v))
            default: .null
            }
        }.vectorized { columns in
            let column = columns[0]
            switch (column.dataType, column.storage) {
            case (.int32, .int32(let values)):
                return Column(dataType: .int32, storage: .int32(values.map { $0 == .min ? $0 : abs($0) }), validity: column.validity)
            case (.int64, .int64(let values)):
                return Column(dataType: .int64, storage: .int64(values.map { $0 == .min ? $0 : abs($0) }), validity: column.validity)
            case (.float64, .float64(let values)):
                return Column(dataType: .float64, storage: .float64(values.map { abs($0) }), validity: column.validity)
            default:
                return nil
            }
        },
        "mod": sameNumeric("mod", arity: 2...2) { remainder($0, positive: false) }
            .vectorized { MathKernels.remainder($0, positive: false) },
        "pmod": sameNumeric("pmod", arity: 2...2) { remainder($0, positive: true) }
            .vectorized { MathKernels.remainder($0, positive: true) },
        "round": .fixed([.float64, .int32], 1...2, returns: .float64, "round") { values in
            .float64(HalfUpRounding.round(double(values[0]), places: values.count > 1 ? StringFunctions.int(values[1]) : 0))
        }.vectorized { MathKernels.round($0) },
        "floor": floor, "ceil": ceil, "ceiling": ceil,
        "sqrt": .fixed([.float64], returns: .float64, "sqrt") { .float64(double($0[0]).squareRoot()) }
            .vectorized { MathKernels.doubles($0[0]) { $0.squareRoot() } },
        "pow": pow, "power": pow,
        "greatest": .common(2...Int.max, nullPropagating: false, "greatest") { values in
            values.filter { $0 != .null }.max(by: ScalarOrdering.less) ?? .null
        }.vectorized { ExtremeKernel.extreme($0, greatest: true) },
        "least": .common(2...Int.max, nullPropagating: false, "least") { values in
            values.filter { $0 != .null }.min(by: ScalarOrdering.less) ?? .null
        }.vectorized { ExtremeKernel.extreme($0, greatest: false) },
    ]
}

extension Int64 {
    /// The nearest `Int64` to a double, NaN as 0 (as the JVM converts).
    init(clamping value: Double) {
        if value.isNaN { self = 0 } else if value >= 9.223372036854775807e18 { self = .max } else if value <= -9.223372036854775808e18 { self = .min } else { self = Int64(value) }
    }
}
