/// Reads values packed LSB-first at a fixed bit width, as the RLE/bit-packed hybrid and
/// DELTA_BINARY_PACKED store them.
enum BitUnpacking {
    /// Unpacks `count` values of `bitWidth` bits (≤ 64) starting at `bytes`; bits past the end of
    /// `bytes` read as zero (writers may truncate the last group's padding).
    @inline(__always)
    static func unpack(
        _ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: (Int, UInt64) -> Void
    ) {
        if bitWidth == 0 {
            for index in 0..<count { output(index, 0) }
            return
        }
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        var bitOffset = 0
        for index in 0..<count {
            let byteOffset = bitOffset >> 3
            let shift = UInt64(bitOffset & 7)
            var value = load(bytes, at: byteOffset) >> shift
            if shift + UInt64(bitWidth) > 64 {
                value |= UInt64(byteAt(bytes, byteOffset + 8)) << (64 - shift)
            }
            output(index, value & mask)
            bitOffset += bitWidth
        }
    }

    /// Unpacks `count` values of `bitWidth` bits (1 to 8) into `output`, a group of eight at
    /// a time from one 64-bit load; bits past the end of `bytes` read as zero. Each width has
    /// its own loop, so that shifts and masks are constants.
    static func unpackNarrow(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<Int32>) {
        switch bitWidth {
        case 1: unpackGroups(bytes, width: 1, count: count, into: output)
        case 2: unpackGroups(bytes, width: 2, count: count, into: output)
        case 3: unpackGroups(bytes, width: 3, count: count, into: output)
        case 4: unpackGroups(bytes, width: 4, count: count, into: output)
        case 5: unpackGroups(bytes, width: 5, count: count, into: output)
        case 6: unpackGroups(bytes, width: 6, count: count, into: output)
        case 7: unpackGroups(bytes, width: 7, count: count, into: output)
        default: unpackGroups(bytes, width: 8, count: count, into: output)
        }
    }

    @inline(__always)
    private static func unpackGroups(_ bytes: UnsafeRawBufferPointer, width: Int, count: Int, into output: UnsafeMutablePointer<Int32>) {
        let mask: UInt64 = (1 << UInt64(width)) - 1
        // Whole groups whose eight-byte load stays inside `bytes` need no bounds check.
        let loadable = bytes.count >= 8 ? (bytes.count - 8) / width + 1 : 0
        let uncheckedGroups = min(loadable, count / 8)
        var group = 0
        while group < uncheckedGroups {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: group * width, as: UInt64.self))
            let target = output + group * 8
            for index in 0..<8 { target[index] = Int32(truncatingIfNeeded: (word >> UInt64(index * width)) & mask) }
            group += 1
        }
        while group * 8 < count {
            let word = load(bytes, at: group * width)
            let target = output + group * 8
            for index in 0..<min(8, count - group * 8) {
                target[index] = Int32(truncatingIfNeeded: (word >> UInt64(index * width)) & mask)
            }
            group += 1
        }
    }

    /// Eight little-endian bytes at `offset`, zero-filled past the end.
    @inline(__always)
    static func load(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        if offset + 8 <= bytes.count {
            return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        var value: UInt64 = 0
        var index = 0
        while offset + index < bytes.count && index < 8 {
            value |= UInt64(bytes[offset + index]) << UInt64(index * 8)
            index += 1
        }
        return value
    }

    @inline(__always)
    private static func byteAt(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt8 {
        offset < bytes.count ? bytes[offset] : 0
    }

    /// The number of bits needed to store `value`.
    static func bitWidth(of value: UInt64) -> Int { value == 0 ? 0 : 64 - value.leadingZeroBitCount }
}
