/// Typed access to column buffers for the kernels, and columns made from buffers.
extension Column {
    var booleans: [Bool] { if case .boolean(let v) = storage { return v }; preconditionFailure("not a boolean column") }
    var int32s: [Int32] { if case .int32(let v) = storage { return v }; preconditionFailure("not an int32 column") }
    var int64s: [Int64] { if case .int64(let v) = storage { return v }; preconditionFailure("not an int64 column") }
    var float64s: [Double] { if case .float64(let v) = storage { return v }; preconditionFailure("not a float64 column") }
    var decimals: [Int128] { if case .decimal(let v) = storage { return v }; preconditionFailure("not a decimal column") }
    var strings: StringStorage { if case .string(let v) = storage { return v }; preconditionFailure("not a string column") }

    /// `count` copies of `value` as a column of `type`.
    static func repeating(_ value: ScalarValue, _ type: DataType, count: Int) -> Column {
        switch (value, type) {
        case (.null, _): return .nulls(type, count: count)
        case (.boolean(let v), .boolean): return Column(dataType: type, storage: .boolean(Array(repeating: v, count: count)))
        case (.int32(let v), .int32), (.date(let v), .date): return Column(dataType: type, storage: .int32(Array(repeating: v, count: count)))
        case (.int64(let v), .int64), (.timestamp(let v), .timestamp), (.timestampNTZ(let v), .timestampNTZ):
            return Column(dataType: type, storage: .int64(Array(repeating: v, count: count)))
        case (.float64(let v), .float64): return Column(dataType: type, storage: .float64(Array(repeating: v, count: count)))
        case (.string(let v), .string):
            // One dictionary value: comparisons and grouping see it once, and its rows are built only if read.
            var value = StringStorage()
            value.append(utf8: v.utf8)
            return Column(dataType: type, dictionary: ColumnDictionary(codes: Array(repeating: 0, count: count), values: value))
        default:
            var builder = ColumnBuilder(type: type, capacity: count)
            let converted = CastRules.cast(value, to: type)
            for _ in 0..<count { builder.append(converted) }
            return builder.finish()
        }
    }
}

extension Bitmap {
    /// Bits set where both are set; nil (all valid) stays nil.
    static func and(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        guard let a else { return b }
        guard let b else { return a }
        var result = a
        result.formAnd(b)
        return result
    }

    /// Sets each bit to itself AND the other's bit.
    mutating func formAnd(_ other: Bitmap) {
        precondition(count == other.count, "bitmaps differ in length")
        for index in words.indices { setWord(index, words[index] & other.words[index]) }
    }
}
