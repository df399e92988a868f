/// Numeric functions over whole columns: one typed loop per function over the value buffers,
/// nulls carried by the validity bitmaps.
enum MathKernels {
    /// `transform` of every value of a DOUBLE column (null rows stay null).
    static func map<Result>(_ column: Column, _ transform: (Double) -> Result) -> [Result]? {
        guard case .float64(let values) = column.storage else { return nil }
        return values.withUnsafeBufferPointer { values in
            [Result](unsafeUninitializedCapacity: values.count) { out, initialized in
                for row in 0..<values.count { out.initializeElement(at: row, to: transform(values[row])) }
                initialized = values.count
            }
        }
    }

    /// A DOUBLE function of one argument.
    static func doubles(_ column: Column, _ transform: (Double) -> Double) -> Column? {
        map(column, transform).map { Column(dataType: .float64, storage: .float64($0), validity: column.validity) }
    }

    /// A BIGINT function of one DOUBLE argument (`floor`, `ceil`).
    static func bigints(_ column: Column, _ transform: (Double) -> Int64) -> Column? {
        map(column, transform).map { Column(dataType: .int64, storage: .int64($0), validity: column.validity) }
    }

    /// A DOUBLE function of two DOUBLE arguments (`pow`).
    static func doubles(_ columns: [Column], _ combine: (Double, Double) -> Double) -> Column? {
        guard case .float64(let a) = columns[0].storage, case .float64(let b) = columns[1].storage else { return nil }
        return Column(dataType: .float64, storage: .float64(zip(a, b).map(combine)), validity: Column.commonValidity(columns))
    }

    /// `round(x[, d])` (see `HalfUpRounding`).
    static func round(_ columns: [Column]) -> Column? {
        let scales = columns.count > 1 ? columns[1] : Column.repeating(.int32(0), .int32, count: columns[0].count)
        guard case .float64(let values) = columns[0].storage, case .int32(let places) = scales.storage else { return nil }
        return Column(dataType: .float64, storage: .float64(zip(values, places).map { HalfUpRounding.round($0, places: Int($1)) }),
                      validity: Column.commonValidity([columns[0], scales]))
    }

    /// `mod(a, n)`, or `pmod(a, n)` when `positive`: the remainder of two numbers of one type (as
    /// `%`), made positive by `pmod` as Spark does, `(r + n) % n` for a negative `r`; null
    /// where `n` is 0.
    static func remainder(_ columns: [Column], positive: Bool) -> Column? {
        let (a, n) = (columns[0], columns[1])
        guard a.dataType == n.dataType, TypeCoercion.isNumeric(a.dataType) else { return nil }
        let remainder = ArithmeticKernel.apply(.modulo, a, n, type: a.dataType)
        guard positive else { return remainder }
        let storage: ColumnStorage
        switch (remainder.storage, n.storage) {
        case (.int32(let r), .int32(let n)): storage = .int32(zip(r, n).map(positiveRemainder))
        case (.int64(let r), .int64(let n)): storage = .int64(zip(r, n).map(positiveRemainder))
        case (.decimal(let r), .decimal(let n)): storage = .decimal(zip(r, n).map(positiveRemainder))
        case (.float64(let r), .float64(let n)): storage = .float64(zip(r, n).map(positiveRemainder))
        default: return nil
        }
        return Column(dataType: remainder.dataType, storage: storage, validity: remainder.validity)
    }

    /// A remainder `r` of a division by `n`, moved into the sign of a positive modulus:
    /// `(r + n) % n` when `r` is negative (wrapping as the JVM does).
    static func positiveRemainder<Value: FixedWidthInteger>(_ r: Value, _ n: Value) -> Value {
        r < 0 ? (r &+ n).remainderReportingOverflow(dividingBy: n).partialValue : r
    }

    /// `positiveRemainder` of doubles.
    static func positiveRemainder(_ r: Double, _ n: Double) -> Double {
        r < 0 ? (r + n).truncatingRemainder(dividingBy: n) : r
    }
}
