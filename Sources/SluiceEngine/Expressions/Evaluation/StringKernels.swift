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
                        bytes.append(contentsOf: (upper ? text.uppercased() : text.lowercased()).utf8)
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
                var count: Int32 = 0
                for offset in strings.offsets[index]..<strings.offsets[index + 1] where all[offset] & 0xC0 != 0x80 { count += 1 }
                counts[index] = count
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
}
