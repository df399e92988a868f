/// `lpad` and `rpad` over whole columns, in code points as Spark counts them.
enum PadKernels {
    /// `lpad(s, len[, pad])` (`left`) or `rpad(...)`: `s` cut to `len` code points, or filled up
    /// to `len` with repeats of `pad` (a space when not given) on that side; an empty `pad`
    /// leaves a shorter value as it is, a `len` below 1 gives an empty string; null when any
    /// argument is null.
    static func pad(_ columns: [Column], left: Bool) -> Column? {
        let rows = columns[0].count
        let fills = columns.count > 2 ? columns[2] : Column.repeating(.string(" "), .string, count: rows)
        guard let values = columns[0].stringStorage, case .int32(let lengths) = columns[1].storage,
              let pads = fills.stringStorage else { return nil }
        var writer = StringColumnWriter(rows: rows, byteCapacity: values.bytes.count, validity: Column.commonValidity(columns))
        lengths.withUnsafeBufferPointer { lengths in
            StringView.with([values, pads]) { views in
                for row in 0..<rows {
                    if !writer.isNull(row) { write(views[0][row], to: Int(lengths[row]), with: views[1][row], left: left, &writer) }
                    writer.endValue()
                }
            }
        }
        return writer.finish()
    }

    /// Writes one padded (or cut) value.
    private static func write(_ value: UnsafeBufferPointer<UInt8>, to length: Int, with pad: UnsafeBufferPointer<UInt8>,
                              left: Bool, _ writer: inout StringColumnWriter) {
        guard length > 0 else { return }
        let count = UTF8CodePoints.count(value)
        if count >= length || pad.isEmpty {
            writer.append(UnsafeBufferPointer(rebasing: value[..<UTF8CodePoints.prefixLength(value, codePoints: length)]))
            return
        }
        if !left { writer.append(value) }
        let missing = length - count, padCount = UTF8CodePoints.count(pad)
        for _ in 0..<(missing / padCount) { writer.append(pad) }
        writer.append(UnsafeBufferPointer(rebasing: pad[..<UTF8CodePoints.prefixLength(pad, codePoints: missing % padCount)]))
        if left { writer.append(value) }
    }
}
