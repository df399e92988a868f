/// Comparisons of two columns of one type into a boolean column; null if either side is
/// null, except for `<=>`, which is never null. Doubles compare in Spark's order
/// (`SparkFloatOrder`): NaN equals NaN and is above every other value.
enum ComparisonKernel {
    static func apply(_ op: BinaryOperator, _ left: Column, _ right: Column) -> Column {
        if let coded = compareCoded(op, left, right) { return coded }
        let count = left.count
        var out = [Bool](repeating: false, count: count)
        switch (left.storage, right.storage) {
        case (.int32(let a), .int32(let b)): compare(op, a, b, &out)
        case (.int64(let a), .int64(let b)): compare(op, a, b, &out)
        case (.float64(let a), .float64(let b)): compareDoubles(op, a, b, &out)
        case (.decimal(let a), .decimal(let b)): compare(op, a, b, &out)
        case (.boolean(let a), .boolean(let b)): compare(op, a.map { $0 ? 1 : 0 } as [UInt8], b.map { $0 ? 1 : 0 }, &out)
        case (.string(let a), .string(let b)): compareStrings(op, a, b, &out)
        case (.list, .list), (.structure, .structure):
            // Arrays, maps and structs compare value by value (the slow path).
            for row in 0..<count {
                let a = left.value(at: row), b = right.value(at: row)
                let less = ScalarOrdering.less(a, b), greater = ScalarOrdering.less(b, a)
                switch op {
                case .equal, .nullSafeEqual: out[row] = ScalarOrdering.same(a, b)
                case .notEqual: out[row] = !ScalarOrdering.same(a, b)
                case .less: out[row] = less
                case .lessOrEqual: out[row] = !greater
                case .greater: out[row] = greater
                default: out[row] = !less
                }
            }
        default: preconditionFailure("comparison of \(left.dataType) with \(right.dataType)")
        }
        guard op == .nullSafeEqual else {
            return Column(dataType: .boolean, storage: .boolean(out), validity: Bitmap.and(left.validity, right.validity))
        }
        for row in 0..<count where left.isNull(row) || right.isNull(row) {
            out[row] = left.isNull(row) && right.isNull(row)
        }
        return Column(dataType: .boolean, storage: .boolean(out))
    }

    /// Strings where one side is dictionary-coded and the other holds a single value (a
    /// literal): each distinct value is compared once, and rows look their result up by code.
    /// Nil for other columns.
    static func compareCoded(_ op: BinaryOperator, _ left: Column, _ right: Column) -> Column? {
        guard op != .nullSafeEqual, left.dataType.physical == .bytes,
              let leftCodes = left.dictionary, let rightCodes = right.dictionary else { return nil }
        let codes: [Int32]
        var table: [Bool]
        if rightCodes.values.count == 1 {
            codes = leftCodes.codes
            table = [Bool](repeating: false, count: leftCodes.values.count)
            compareStrings(op, leftCodes.values, rightCodes.values.gather([Int32](repeating: 0, count: table.count)), &table)
        } else if leftCodes.values.count == 1 {
            codes = rightCodes.codes
            table = [Bool](repeating: false, count: rightCodes.values.count)
            compareStrings(op, leftCodes.values.gather([Int32](repeating: 0, count: table.count)), rightCodes.values, &table)
        } else {
            return nil
        }
        let out = [Bool](unsafeUninitializedCapacity: codes.count) { buffer, initialized in
            table.withUnsafeBufferPointer { table in
                codes.withUnsafeBufferPointer { codes in
                    // A null row's code may be anything: it reads false, and the validity hides it.
                    let size = UInt32(table.count)
                    for row in 0..<codes.count {
                        let code = UInt32(bitPattern: codes[row])
                        buffer[row] = code < size && table[Int(code)]
                    }
                }
            }
            initialized = codes.count
        }
        return Column(dataType: .boolean, storage: .boolean(out), validity: Bitmap.and(left.validity, right.validity))
    }

    static func compare<T: Comparable>(_ op: BinaryOperator, _ a: [T], _ b: [T], _ out: inout [Bool]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { out in
                    switch op {
                    case .equal, .nullSafeEqual: for i in 0..<a.count { out[i] = a[i] == b[i] }
                    case .notEqual: for i in 0..<a.count { out[i] = a[i] != b[i] }
                    case .less: for i in 0..<a.count { out[i] = a[i] < b[i] }
                    case .lessOrEqual: for i in 0..<a.count { out[i] = a[i] <= b[i] }
                    case .greater: for i in 0..<a.count { out[i] = a[i] > b[i] }
                    default: for i in 0..<a.count { out[i] = a[i] >= b[i] }
                    }
                }
            }
        }
    }

    /// Doubles in Spark's order: the IEEE comparison, corrected where a side is NaN.
    static func compareDoubles(_ op: BinaryOperator, _ a: [Double], _ b: [Double], _ out: inout [Bool]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { out in
                    switch op {
                    case .equal, .nullSafeEqual: for i in 0..<a.count { out[i] = SparkFloatOrder.equal(a[i], b[i]) }
                    case .notEqual: for i in 0..<a.count { out[i] = !SparkFloatOrder.equal(a[i], b[i]) }
                    case .less: for i in 0..<a.count { out[i] = SparkFloatOrder.less(a[i], b[i]) }
                    case .lessOrEqual: for i in 0..<a.count { out[i] = SparkFloatOrder.lessOrEqual(a[i], b[i]) }
                    case .greater: for i in 0..<a.count { out[i] = SparkFloatOrder.less(b[i], a[i]) }
                    default: for i in 0..<a.count { out[i] = SparkFloatOrder.lessOrEqual(b[i], a[i]) }
                    }
                }
            }
        }
    }

    /// Byte-wise (UTF-8 binary) order, as Spark compares strings.
    static func compareStrings(_ op: BinaryOperator, _ a: StringStorage, _ b: StringStorage, _ out: inout [Bool]) {
        a.bytes.withUnsafeBufferPointer { aBytes in
            b.bytes.withUnsafeBufferPointer { bBytes in
                for i in 0..<a.count {
                    let left = UnsafeBufferPointer(rebasing: aBytes[a.offsets[i]..<a.offsets[i + 1]])
                    let right = UnsafeBufferPointer(rebasing: bBytes[b.offsets[i]..<b.offsets[i + 1]])
                    switch op {
                    case .equal, .nullSafeEqual: out[i] = left.elementsEqual(right)
                    case .notEqual: out[i] = !left.elementsEqual(right)
                    case .less: out[i] = left.lexicographicallyPrecedes(right)
                    case .lessOrEqual: out[i] = !right.lexicographicallyPrecedes(left)
                    case .greater: out[i] = right.lexicographicallyPrecedes(left)
                    default: out[i] = !left.lexicographicallyPrecedes(right)
                    }
                }
            }
        }
    }
}
