/// `+ - * / %` over two columns of one numeric type, a tight loop per operator.
/// Integers wrap on overflow (TINYINT and SMALLINT at their own width) and division or
/// modulo by zero is null, as in Spark (non-ANSI). Decimals go to `DecimalKernel`.
enum ArithmeticKernel {
    static func apply(_ op: BinaryOperator, _ left: Column, _ right: Column, type: DataType) -> Column {
        let validity = Bitmap.and(left.validity, right.validity)
        switch type {
        case .int8, .int16, .int32:
            var (values, zeroes) = integers(op, left.int32s, right.int32s)
            if type == .int8 { for i in values.indices { values[i] = Int32(Int8(truncatingIfNeeded: values[i])) } }
            if type == .int16 { for i in values.indices { values[i] = Int32(Int16(truncatingIfNeeded: values[i])) } }
            return Column(dataType: type, storage: .int32(values), validity: nullify(zeroes, validity, count: values.count))
        case .int64:
            let (values, zeroes) = integers(op, left.int64s, right.int64s)
            return Column(dataType: type, storage: .int64(values), validity: nullify(zeroes, validity, count: values.count))
        case .decimal:
            return DecimalKernel.apply(op, left, right, type: type)
        default:
            var (values, zeroes) = doubles(op, left.float64s, right.float64s)
            if type == .float32 { for i in values.indices { values[i] = Double(Float(values[i])) } }
            return Column(dataType: type == .float32 ? .float32 : .float64, storage: .float64(values),
                          validity: nullify(zeroes, validity, count: values.count))
        }
    }

    /// The values, and the rows whose divisor was zero (null results).
    static func integers<T: FixedWidthInteger>(_ op: BinaryOperator, _ a: [T], _ b: [T]) -> ([T], [Int]) {
        var out = [T](repeating: 0, count: a.count)
        var zeroes: [Int] = []
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { out in
                    switch op {
                    case .add: for i in 0..<a.count { out[i] = a[i] &+ b[i] }
                    case .subtract: for i in 0..<a.count { out[i] = a[i] &- b[i] }
                    case .multiply: for i in 0..<a.count { out[i] = a[i] &* b[i] }
                    default:
                        for i in 0..<a.count {
                            if b[i] == 0 { zeroes.append(i); continue }
                            // min / -1 overflows; wrap as the JVM does.
                            if b[i] == -1 { out[i] = op == .modulo ? 0 : 0 &- a[i]; continue }
                            out[i] = op == .modulo ? a[i] % b[i] : a[i] / b[i]
                        }
                    }
                }
            }
        }
        return (out, zeroes)
    }

    static func doubles(_ op: BinaryOperator, _ a: [Double], _ b: [Double]) -> ([Double], [Int]) {
        var out = [Double](repeating: 0, count: a.count)
        var zeroes: [Int] = []
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { out in
                    switch op {
                    case .add: for i in 0..<a.count { out[i] = a[i] + b[i] }
                    case .subtract: for i in 0..<a.count { out[i] = a[i] - b[i] }
                    case .multiply: for i in 0..<a.count { out[i] = a[i] * b[i] }
                    case .divide:
                        for i in 0..<a.count {
                            if b[i] == 0 { zeroes.append(i) } else { out[i] = a[i] / b[i] }
                        }
                    default:
                        for i in 0..<a.count {
                            if b[i] == 0 { zeroes.append(i) } else { out[i] = a[i].truncatingRemainder(dividingBy: b[i]) }
                        }
                    }
                }
            }
        }
        return (out, zeroes)
    }

    /// `validity` with the rows in `rows` cleared.
    static func nullify(_ rows: [Int], _ validity: Bitmap?, count: Int) -> Bitmap? {
        guard !rows.isEmpty else { return validity }
        var result = validity ?? Bitmap(count: count, value: true)
        for row in rows { result[row] = false }
        return result
    }

    static func negate(_ column: Column) -> Column {
        let storage: ColumnStorage
        switch column.storage {
        case .int32(let v): storage = .int32(v.map { 0 &- $0 })
        case .int64(let v): storage = .int64(v.map { 0 &- $0 })
        case .float64(let v): storage = .float64(v.map { -$0 })
        case .decimal(let v): storage = .decimal(v.map { 0 - $0 })
        default: preconditionFailure("negate of \(column.dataType)")
        }
        return Column(dataType: column.dataType, storage: storage, validity: column.validity)
    }
}
