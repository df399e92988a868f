/// Encodes values with the RLE/bit-packed hybrid: runs of eight or more equal values as RLE
/// runs, the rest bit-packed in groups of eight.
struct RLEHybridEncoder {
    let bitWidth: Int
    private(set) var bytes: [UInt8] = []
    private var literals: [UInt32] = []

    init(bitWidth: Int) {
        self.bitWidth = bitWidth
    }

    /// Encodes all of `values`; call once per encoder.
    mutating func encode(_ values: UnsafeBufferPointer<UInt32>) {
        var index = 0
        let count = values.count
        while index < count {
            let value = values[index]
            var end = index + 1
            while end < count && values[end] == value { end += 1 }
            if end - index >= 8 && literals.count % 8 == 0 {
                flushLiterals()
                appendRun(value, length: end - index)
                index = end
            } else {
                literals.append(value)
                index += 1
                if literals.count == 504 { flushLiterals() }
            }
        }
        flushLiterals()
    }

    private mutating func appendRun(_ value: UInt32, length: Int) {
        appendVarint(UInt64(length) << 1)
        for byte in 0..<(bitWidth + 7) / 8 { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(byte * 8))) }
    }

    private mutating func flushLiterals() {
        guard !literals.isEmpty else { return }
        while literals.count % 8 != 0 { literals.append(0) }
        appendVarint(UInt64(literals.count / 8) << 1 | 1)
        var accumulator: UInt64 = 0
        var bits = 0
        for value in literals {
            accumulator |= UInt64(value) << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
        }
        if bits > 0 { bytes.append(UInt8(truncatingIfNeeded: accumulator)) }
        literals.removeAll(keepingCapacity: true)
    }

    private mutating func appendVarint(_ value: UInt64) {
        Varint.append(value, to: &bytes)
    }
}
