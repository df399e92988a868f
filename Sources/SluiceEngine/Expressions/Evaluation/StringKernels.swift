/// String functions over whole columns: one pass over the packed bytes, no value boxed.
enum StringKernels {
    /// `upper` or `lower`: ASCII values are mapped byte by byte; a value with other
    /// characters goes through `String` case mapping, as the row-by-row function does.
    static func mapCase(_ column: Column, upper: Bool) -> Column {
        guard case .string(let strings) = column.storage else { return column }
        var bytes = [UInt8]()
        bytes.reserveCapacity(strings.bytes.count)
        var offsets = [Int]()
        offsets.reserveCapacity(strings.count + 1)
        offsets.append(0)
        let low = upper ? UInt8(ascii: "a") : UInt8(ascii: "A")
        strings.bytes.withUnsafeBufferPointer { all in
            strings.offsets.withUnsafeBufferPointer { starts in
                for index in 0..<strings.count {
                    let value = UnsafeBufferPointer(rebasing: all[starts[index]..<starts[index + 1]])
                    if value.allSatisfy({ $0 < 0x80 }) {
                        for byte in value { bytes.append(byte &- low < 26 ? byte ^ 0x20 : byte) }
                    } else {
                        let text = String(decoding: value, as: UTF8.self)
                        bytes.append(contentsOf: (upper ? text.uppercased() : JavaLowercase.lowercased(text)).utf8)
                    }
                    offsets.append(bytes.count)
                }
            }
        }
        return Column(dataType: .string, storage: .string(StringStorage(offsets: offsets, bytes: bytes)), validity: column.validity)
    }

    /// `length`: the number of Unicode code points of each value (UTF-8 bytes that do not
    /// continue a character).
    static func codePoints(_ column: Column) -> Column {
        guard case .string(let strings) = column.storage else { return column }
        var counts = [Int32](repeating: 0, count: strings.count)
        strings.bytes.withUnsafeBufferPointer { all in
            for index in 0..<strings.count {
                counts[index] = Int32(UTF8CodePoints.count(UnsafeBufferPointer(rebasing: all[strings.offsets[index]..<strings.offsets[index + 1]])))
            }
        }
        return Column(dataType: .int32, storage: .int32(counts), validity: column.validity)
    }

    /// Whether each value passes `test` (flipped when `negated`); nulls stay null.
    static func matching(_ column: Column, negated: Bool, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Column? {
        guard case .string(let strings) = column.storage else { return nil }
        var results = [Bool](repeating: false, count: strings.count)
        strings.bytes.withUnsafeBufferPointer { all in
            for index in 0..<strings.count {
                results[index] = test(UnsafeBufferPointer(rebasing: all[strings.offsets[index]..<strings.offsets[index + 1]])) != negated
            }
        }
        return Column(dataType: .boolean, storage: .boolean(results), validity: column.validity)
    }

    /// `trim`, `ltrim`, `rtrim`: spaces (only) removed from the chosen ends.
    static func trim(_ column: Column, leading: Bool, trailing: Bool) -> Column? {
        guard case .string(let strings) = column.storage else { return nil }
        var out = StringStorage(capacity: strings.count)
        out.reserve(values: 0, bytes: strings.bytes.count)
        strings.bytes.withUnsafeBufferPointer { all in
            for index in 0..<strings.count {
                var start = strings.offsets[index], end = strings.offsets[index + 1]
                if leading { while start < end, all[start] == UInt8(ascii: " ") { start += 1 } }
                if trailing { while end > start, all[end - 1] == UInt8(ascii: " ") { end -= 1 } }
                out.append(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[start..<end])))
            }
        }
        return Column(dataType: .string, storage: .string(out), validity: column.validity)
    }

    /// `concat`: the values joined; null when any is null.
    static func concat(_ columns: [Column]) -> Column? {
        var sources: [StringStorage] = []
        for column in columns {
            guard case .string(let strings) = column.storage else { return nil }
            sources.append(strings)
        }
        let rows = columns[0].count
        let validity = Column.commonValidity(columns)
        var out = StringStorage(capacity: rows)
        out.reserve(values: 0, bytes: sources.reduce(0) { $0 + $1.bytes.count })
        var bytes: [UInt8] = []
        for row in 0..<rows {
            if let validity, !validity[row] { out.appendEmpty(); continue }
            bytes.removeAll(keepingCapacity: true)
            for source in sources { bytes += source.utf8(at: row) }
            out.append(utf8: bytes)
        }
        return Column(dataType: .string, storage: .string(out), validity: validity)
    }

    /// `substring(s, pos[, len])` in code points, as Spark counts them: `pos` from 1, 0 as 1,
    /// negative from the end; null when any argument is null.
    static func substring(_ columns: [Column]) -> Column? {
        guard case .string(let strings) = columns[0].storage, case .int32(let positions) = columns[1].storage else { return nil }
        var lengths: [Int32]?
        if columns.count > 2 {
            guard case .int32(let values) = columns[2].storage else { return nil }
            lengths = values
        }
        let validity = Column.commonValidity(columns)
        var out = StringStorage(capacity: strings.count)
        strings.bytes.withUnsafeBufferPointer { all in
            for row in 0..<strings.count {
                if let validity, !validity[row] { out.appendEmpty(); continue }
                let value = UnsafeBufferPointer(rebasing: all[strings.offsets[row]..<strings.offsets[row + 1]])
                // Byte offset of each code point, and of the end.
                var starts: [Int] = []
                starts.reserveCapacity(value.count + 1)
                for (offset, byte) in value.enumerated() where byte & 0xC0 != 0x80 { starts.append(offset) }
                let count = starts.count
                starts.append(value.count)
                var start = Int(positions[row])
                let length = lengths.map { Int($0[row]) }
                if start > 0 { start -= 1 } else if start < 0 { start = count + start }
                var end = length.map { start + $0 } ?? count
                start = max(0, start)
                end = min(count, end)
                if start < end {
                    out.append(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: value[starts[start]..<starts[end]])))
                } else {
                    out.appendEmpty()
                }
            }
        }
        return Column(dataType: .string, storage: .string(out), validity: validity)
    }
}
