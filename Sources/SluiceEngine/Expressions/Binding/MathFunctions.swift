import Foundation

/// Numeric functions, with Spark's semantics (round half up; floor and ceil return BIGINT).
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
        "mod": sameNumeric("mod", arity: 2...2) { values -> ScalarValue in
            switch (values[0], values[1]) {
            case (.int32(let a), .int32(let b)): return b == 0 ? ScalarValue.null : .int32(a % b)
            case (.int64(let a), .int64(let b)): return b == 0 ? ScalarValue.null : .int64(a % b)
            default:
                let b = double(values[1])
                return b == 0 ? .null : .float64(fmod(double(values[0]), b))
            }
        },
        "round": .fixed([.float64, .int32], 1...2, returns: .float64, "round") { values in
            let scale = values.count > 1 ? Double(StringFunctions.int(values[1])) : 0
            let factor = pow(10, scale)
            let value = double(values[0])
            return .float64((abs(value) * factor).rounded(.toNearestOrAwayFromZero) / factor * (value < 0 ? -1 : 1))
        },
        "floor": .fixed([.float64], returns: .int64, "floor") { values in
            let value = double(values[0]).rounded(.down)
            return value.isFinite ? .int64(Int64(clamping: value)) : .null
        },
        "ceil": .fixed([.float64], returns: .int64, "ceil") { values in
            let value = double(values[0]).rounded(.up)
            return value.isFinite ? .int64(Int64(clamping: value)) : .null
        },
        "ceiling": .fixed([.float64], returns: .int64, "ceil") { values in
            let value = double(values[0]).rounded(.up)
            return value.isFinite ? .int64(Int64(clamping: value)) : .null
        },
        "sqrt": .fixed([.float64], returns: .float64, "sqrt") { .float64(double($0[0]).squareRoot()) },
        "pow": .fixed([.float64, .float64], returns: .float64, "pow") { .float64(pow(double($0[0]), double($0[1]))) },
        "power": .fixed([.float64, .float64], returns: .float64, "pow") { .float64(pow(double($0[0]), double($0[1]))) },
        "greatest": .common(2...Int.max, nullPropagating: false, "greatest") { values in
            values.filter { $0 != .null }.max(by: ScalarOrdering.less) ?? .null
        },
        "least": .common(2...Int.max, nullPropagating: false, "least") { values in
            values.filter { $0 != .null }.min(by: ScalarOrdering.less) ?? .null
        },
    ]
}

extension Int64 {
    /// The nearest `Int64` to a finite double.
    init(clamping value: Double) {
        if value >= 9.223372036854775807e18 { self = .max } else if value <= -9.223372036854775808e18 { self = .min } else { self = Int64(value) }
    }
}
