/// Spark's implicit type rules (non-ANSI mode) for the types Sluice has.
enum TypeCoercion {
    static func isNumeric(_ type: DataType) -> Bool { type == .int32 || type == .int64 || type == .float64 }

    /// The wider of two numeric types.
    static func widerNumeric(_ a: DataType, _ b: DataType) -> DataType {
        if a == .float64 || b == .float64 { return .float64 }
        if a == .int64 || b == .int64 { return .int64 }
        return .int32
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
        case (.string, .date), (.date, .string), (.date, .timestamp), (.timestamp, .date): return a == .timestamp || b == .timestamp ? .timestamp : .date
        case (.string, .timestamp), (.timestamp, .string): return .timestamp
        case (.string, .boolean), (.boolean, .string): return .boolean
        default: return nil
        }
    }

    /// The type of `left op right` for `+ - * %`; `/` is always double, as in Spark.
    static func arithmeticType(_ op: BinaryOperator, _ a: DataType?, _ b: DataType?) -> DataType? {
        if op == .divide { return .float64 }
        let left = a.map { $0 == .string ? .float64 : $0 } ?? b ?? .int32
        let right = b.map { $0 == .string ? .float64 : $0 } ?? left
        guard isNumeric(left), isNumeric(right) else { return nil }
        return widerNumeric(left, right)
    }

    /// The common type of CASE / IF / COALESCE branches; nil when they have none.
    static func commonType(_ types: [DataType?]) -> DataType? {
        let known = types.compactMap { $0 }
        guard let first = known.first else { return .string }
        return known.dropFirst().reduce(first) { $0.widened(with: $1) }
    }
}
