import Foundation
/// Spark's implicit type rules (non-ANSI mode).
enum TypeCoercion {
    static func isNumeric(_ type: DataType) -> Bool {
        type.isIntegral || type == .float32 || type == .float64 || type.isDecimal
    }

    /// The decimal type that holds every value of an integral type exactly (`INT` is `DECIMAL(10,0)`).
    static func asDecimal(_ type: DataType) -> DataType? {
        switch type {
        case .decimal: type
        case .int8: .decimal(precision: 3, scale: 0)
        case .int16: .decimal(precision: 5, scale: 0)
        case .int32: .decimal(precision: 10, scale: 0)
        case .int64: .decimal(precision: 20, scale: 0)
        default: nil
        }
    }

    private static func integralRank(_ type: DataType) -> Int {
        switch type {
        case .int8: 0
        case .int16: 1
        case .int32: 2
        default: 3
        }
    }

    /// The wider of two numeric types: a double with any float, or a float with a decimal, is
    /// a double; two decimals (or a decimal and an integer) widen to a decimal that holds both.
    static func widerNumeric(_ a: DataType, _ b: DataType) -> DataType {
        if a == b { return a }
        if a == .float64 || b == .float64 { return .float64 }
        if a == .float32 || b == .float32 { return a.isDecimal || b.isDecimal ? .float64 : .float32 }
        if a.isDecimal || b.isDecimal, let left = asDecimal(a), let right = asDecimal(b) {
            return DecimalTypeRules.wider(left, right)
        }
        return integralRank(a) >= integralRank(b) ? a : b
    }

    /// The type both operands of a comparison (or the branches of IN) are cast to;
    /// nil when they cannot be compared.
    static func comparisonType(_ a: DataType?, _ b: DataType?) -> DataType? {
        guard let a, let b else { return a ?? b ?? .string }
        if a == b { return a }
        switch (a, b) {
        case _ where isNumeric(a) && isNumeric(b): return widerNumeric(a, b)
        // A string compared with a number is read as a number, as Spark does.
        case (.string, _) where isNumeric(b), (_, .string) where isNumeric(a): return .float64
        case (.string, .date), (.date, .string): return .date
        case (.date, _) where b.isTimestamp, (_, .date) where a.isTimestamp: return a == .date ? b : a
        case (.string, _) where b.isTimestamp: return b
        case (_, .string) where a.isTimestamp: return a
        case (.timestamp, .timestampNTZ), (.timestampNTZ, .timestamp): return .timestamp
        case (.string, .boolean), (.boolean, .string): return .boolean
        case (.string, .binary), (.binary, .string): return .binary
        default: return nil
        }
    }

    /// The type of `left op right` for `+ - * / %`: decimal arithmetic follows Spark's precision
    /// rules; `/` of anything else is a double, as in Spark.
    static func arithmeticType(_ op: BinaryOperator, _ a: DataType?, _ b: DataType?) -> DataType? {
        let left = a.map { $0 == .string ? .float64 : $0 } ?? b ?? .int32
        let right = b.map { $0 == .string ? .float64 : $0 } ?? left
        guard isNumeric(left), isNumeric(right) else { return nil }
        let wider = widerNumeric(left, right)
        if wider.isDecimal, let l = asDecimal(left), let r = asDecimal(right) {
            return DecimalTypeRules.result(op, l, r)
        }
        return op == .divide ? .float64 : wider
    }

    /// The types the operands of `left op right` are cast to before the kernel runs: both to
    /// the result type, except in decimal arithmetic, where each keeps its own precision and scale.
    static func operandTypes(_ op: BinaryOperator, _ a: DataType?, _ b: DataType?, result: DataType) -> (DataType, DataType) {
        guard result.isDecimal else { return (result, result) }
        let left = a.flatMap(asDecimal) ?? b.flatMap(asDecimal) ?? result
        let right = b.flatMap(asDecimal) ?? left
        return (left, right)
    }

    /// The common type of CASE / IF / COALESCE branches; nil when they have none.
    static func commonType(_ types: [DataType?]) -> DataType? {
        let known = types.compactMap { $0 }
        guard let first = known.first else { return .string }
        return known.dropFirst().reduce(first) { $0.widened(with: $1) }
    }
}
