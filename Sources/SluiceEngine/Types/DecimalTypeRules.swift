/// Spark's result types for decimal arithmetic and aggregates (`spark.sql.decimalOperations.allowPrecisionLoss`
/// on, its default): a result that would need more than 38 digits keeps its integral digits
/// and gives up scale, down to 6 digits after the point.
public enum DecimalTypeRules {
    /// The decimal that holds every value of both.
    public static func wider(_ a: DataType, _ b: DataType) -> DataType {
        let (p1, s1) = parts(a), (p2, s2) = parts(b)
        let scale = max(s1, s2)
        return bounded(max(p1 - s1, p2 - s2) + scale, scale)
    }

    /// The type of `a op b` for two decimals.
    public static func result(_ op: BinaryOperator, _ a: DataType, _ b: DataType) -> DataType {
        let (p1, s1) = parts(a), (p2, s2) = parts(b)
        switch op {
        case .add, .subtract:
            let scale = max(s1, s2)
            return adjusted(max(p1 - s1, p2 - s2) + scale + 1, scale)
        case .multiply:
            return adjusted(p1 + p2 + 1, s1 + s2)
        case .divide:
            let scale = max(6, s1 + p2 + 1)
            return adjusted(p1 - s1 + s2 + scale, scale)
        default:
            let scale = max(s1, s2)
            return bounded(min(p1 - s1, p2 - s2) + scale, scale)
        }
    }

    /// `sum` of a decimal: ten more digits, as Spark gives it.
    public static func sum(_ type: DataType) -> DataType {
        let (precision, scale) = parts(type)
        return bounded(precision + 10, scale)
    }

    /// `avg` of a decimal: four more digits before and after the point.
    public static func average(_ type: DataType) -> DataType {
        let (precision, scale) = parts(type)
        return bounded(precision + 4, scale + 4)
    }

    /// The precision and scale of a decimal type.
    static func parts(_ type: DataType) -> (Int, Int) {
        if case .decimal(let precision, let scale) = type { return (precision, scale) }
        preconditionFailure("\(type) is not a decimal")
    }

    static func bounded(_ precision: Int, _ scale: Int) -> DataType {
        .decimal(precision: min(precision, DataType.maxDecimalPrecision), scale: min(scale, DataType.maxDecimalPrecision))
    }

    static func adjusted(_ precision: Int, _ scale: Int) -> DataType {
        guard precision > DataType.maxDecimalPrecision else { return .decimal(precision: max(precision, 1), scale: scale) }
        let integralDigits = precision - scale
        let minimumScale = min(scale, 6)
        return .decimal(precision: DataType.maxDecimalPrecision, scale: max(DataType.maxDecimalPrecision - integralDigits, minimumScale))
    }
}
