/// Casts a column: numeric widenings and decimal rescales in tight loops, everything else
/// value by value through `CastRules`.
public enum CastKernel {
    /// `column` as `type`, with Spark's cast semantics (a value that does not convert becomes null).
    public static func cast(_ column: Column, to type: DataType) -> Column {
        if column.dataType == type { return column }
        let from = column.dataType
        switch (column.storage, type) {
        case (.int32(let v), .int64) where from.isIntegral:
            return Column(dataType: type, storage: .int64(v.map { Int64($0) }), validity: column.validity)
        case (.int32, .int16) where from == .int8, (.int32, .int32) where from == .int8 || from == .int16:
            return Column(dataType: type, storage: column.storage, validity: column.validity)
        case (.int32(let v), .float64) where from.isIntegral, (.int32(let v), .float32) where from.isIntegral:
            return Column(dataType: type, storage: .float64(v.map { type == .float32 ? Double(Float($0)) : Double($0) }), validity: column.validity)
        case (.int64(let v), .float64) where from == .int64:
            return Column(dataType: type, storage: .float64(v.map { Double($0) }), validity: column.validity)
        case (.int64(let v), .int32) where from == .int64:
            return Column(dataType: type, storage: .int32(v.map { Int32(truncatingIfNeeded: $0) }), validity: column.validity)
        case (.float64, .float64) where from == .float32:
            return Column(dataType: type, storage: column.storage, validity: column.validity)
        case (.decimal(let v), .decimal(let precision, let scale)):
            return rescale(v, from: from.decimalScale, to: scale, precision: precision, validity: column.validity)
        case (.int32(let v), .decimal(let precision, let scale)) where from.isIntegral:
            return rescale(v.map { Int128($0) }, from: 0, to: scale, precision: precision, validity: column.validity)
        case (.int64(let v), .decimal(let precision, let scale)) where from == .int64:
            return rescale(v.map { Int128($0) }, from: 0, to: scale, precision: precision, validity: column.validity)
        case (.string(let strings), .date) where from == .string:
            return parseTemporal(strings, validity: column.validity, type: type) { SparkCastText.date($0).map(Int64.init) }
        case (.string(let strings), .timestamp) where from == .string:
            return parseTemporal(strings, validity: column.validity, type: type, SparkCastText.timestamp)
        case (.decimal(let v), .float64):
            let scale = from.decimalScale
            return Column(dataType: type, storage: .float64(v.map { DecimalMath.double($0, scale: scale) }), validity: column.validity)
        default:
            var builder = ColumnBuilder(type: type, capacity: column.count)
            for row in 0..<column.count { builder.append(CastRules.cast(column.value(at: row), to: type)) }
            return builder.finish()
        }
    }

    /// Strings read as dates or timestamps by `parse`, over their bytes with spaces and tabs
    /// trimmed; a value with other characters at an end goes through `CastRules`, which trims
    /// all Unicode spaces. Text that does not parse becomes null.
    private static func parseTemporal(_ strings: StringStorage, validity: Bitmap?, type: DataType,
                                      _ parse: (UnsafeRawBufferPointer) -> Int64?) -> Column {
        var values = [Int64](repeating: 0, count: strings.count)
        var failed: [Int] = []
        StringView.with(strings) { view in
            for row in 0..<view.count where validity?[row] != false {
                var value = view[row]
                while let first = value.first, first == 0x20 || first == 0x09 { value = UnsafeBufferPointer(rebasing: value.dropFirst()) }
                while let last = value.last, last == 0x20 || last == 0x09 { value = UnsafeBufferPointer(rebasing: value.dropLast()) }
                let parsed: Int64?
                if let first = value.first, let last = value.last, first >= 0x80 || last >= 0x80 {
                    switch CastRules.cast(.string(String(decoding: value, as: UTF8.self)), to: type) {
                    case .date(let days): parsed = Int64(days)
                    case .timestamp(let micros): parsed = micros
                    default: parsed = nil
                    }
                } else {
                    parsed = parse(UnsafeRawBufferPointer(value))
                }
                if let parsed { values[row] = parsed } else { failed.append(row) }
            }
        }
        let storage: ColumnStorage = type == .date ? .int32(values.map { Int32(truncatingIfNeeded: $0) }) : .int64(values)
        return Column(dataType: type, storage: storage, validity: ArithmeticKernel.nullify(failed, validity, count: strings.count))
    }

    /// Unscaled values moved to another scale (HALF_UP); values that overflow `precision` become null.
    static func rescale(_ values: [Int128], from: Int, to scale: Int, precision: Int, validity: Bitmap?) -> Column {
        var out = [Int128](repeating: 0, count: values.count)
        var failed: [Int] = []
        for (row, value) in values.enumerated() {
            if let moved = DecimalMath.rescale(value, from: from, to: scale), DecimalMath.fits(moved, precision: precision) {
                out[row] = moved
            } else {
                failed.append(row)
            }
        }
        return Column(dataType: .decimal(precision: precision, scale: scale), storage: .decimal(out),
                      validity: ArithmeticKernel.nullify(failed, validity, count: values.count))
    }
}
