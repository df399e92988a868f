/// `replace`, `initcap` and `concat_ws` over whole columns, byte by byte over the UTF-8 values.
enum StringEditKernels {
    /// `replace(s, search[, replacement])`: every occurrence of `search`, left to right and not
    /// overlapping, replaced (removed when there is no replacement); bytes are compared exactly,
    /// as Spark does; an empty `search` leaves `s` as it is; null when any argument is null.
    static func replace(_ columns: [Column]) -> Column? {
        let rows = columns[0].count
        let replacing = columns.count > 2 ? columns[2] : Column.repeating(.string(""), .string, count: rows)
        guard let values = columns[0].stringStorage, let searches = columns[1].stringStorage,
              let replacements = replacing.stringStorage else { return nil }
        var writer = StringColumnWriter(rows: rows, byteCapacity: values.bytes.count, validity: Column.commonValidity(columns))
        StringView.with([values, searches, replacements]) { views in
            for row in 0..<rows {
                if !writer.isNull(row) {
                    let value = views[0][row], search = views[1][row]
                    var start = 0
                    while !search.isEmpty, let found = ByteSearch.firstIndex(of: search, in: value, from: start) {
                        writer.append(UnsafeBufferPointer(rebasing: value[start..<found]))
                        writer.append(views[2][row])
                        start = found + search.count
                    }
                    writer.append(UnsafeBufferPointer(rebasing: value[start...]))
                }
                writer.endValue()
            }
        }
        return writer.finish()
    }

    /// `initcap(s)`: ASCII values byte by byte (lower case, then upper case at the start and
    /// after each space); other values through `StringFunctions.initcap`.
    static func initcap(_ column: Column) -> Column? {
        guard let values = column.stringStorage else { return nil }
        var writer = StringColumnWriter(rows: column.count, byteCapacity: values.bytes.count, validity: column.validity)
        StringView.with(values) { view in
            for row in 0..<view.count {
                let value = view[row]
                if !UTF8CodePoints.isASCII(value) {
                    writer.append(contentsOf: StringFunctions.initcap(String(decoding: value, as: UTF8.self)).utf8)
                } else {
                    var previous = UInt8(ascii: " ")
                    for byte in value {
                        let lower = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
                        writer.append(previous == UInt8(ascii: " ") && lower &- UInt8(ascii: "a") < 26 ? lower ^ 0x20 : lower)
                        previous = byte
                    }
                }
                writer.endValue()
            }
        }
        return writer.finish()
    }

    /// `concat_ws(separator, s...)`: the values that are not null, joined by the separator; null
    /// only when the separator is.
    static func concatWS(_ columns: [Column]) -> Column? {
        var storages: [StringStorage] = []
        for column in columns {
            guard let strings = column.stringStorage else { return nil }
            storages.append(strings)
        }
        let rows = columns[0].count
        var writer = StringColumnWriter(rows: rows, byteCapacity: storages.reduce(0) { $0 + $1.bytes.count }, validity: columns[0].validity)
        StringView.with(storages) { views in
            for row in 0..<rows {
                if !writer.isNull(row) {
                    var first = true
                    for index in 1..<columns.count where !columns[index].isNull(row) {
                        if !first { writer.append(views[0][row]) }
                        writer.append(views[index][row])
                        first = false
                    }
                }
                writer.endValue()
            }
        }
        return writer.finish()
    }
}
