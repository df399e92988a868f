import SluiceSpec

/// Decodes the RLE/bit-packed hybrid encoding of definition levels and dictionary indices.
struct RLEHybridDecoder {
    private var cursor: ByteCursor
    private let bitWidth: Int
    private let valueBytes: Int

    init(_ cursor: ByteCursor, bitWidth: Int) {
        self.cursor = cursor
        self.bitWidth = bitWidth
        valueBytes = (bitWidth + 7) / 8
    }

    /// Fills `output` with the next `output.count` values, each below 2^bitWidth.
    mutating func decode(into output: UnsafeMutableBufferPointer<Int32>) throws(SluiceError) {
        guard bitWidth <= 32 else { throw cursor.corrupt("a bit width of \(bitWidth) is over 32") }
        var filled = 0
        while filled < output.count {
            let header = try cursor.readVarint()
            if header & 1 == 0 {
                let run = Int(clamping: header >> 1)
                guard run > 0 else { throw cursor.corrupt("an empty run") }
                let raw = try cursor.take(valueBytes, "a run's value")
                var value: UInt32 = 0
                for index in 0..<valueBytes { value |= UInt32(raw[index]) << UInt32(index * 8) }
                // Every value fits the bit width (readers of the values rely on it).
                guard bitWidth >= 32 || value >> UInt32(bitWidth) == 0 else {
                    throw cursor.corrupt("a run's value \(value) is wider than the bit width of \(bitWidth)")
                }
                let end = filled + min(run, output.count - filled)
                let stored = Int32(bitPattern: value)
                for index in filled..<end { output[index] = stored }
                filled = end
            } else {
                let groups = Int(clamping: header >> 1)
                guard groups > 0, groups <= cursor.remaining + 1 else { throw cursor.corrupt("a bit-packed run of \(groups) groups") }
                let values = groups * 8
                let byteCount = min(groups * bitWidth, cursor.remaining)
                let packed = try cursor.take(byteCount, "bit-packed values")
                let wanted = min(values, output.count - filled)
                let base = filled
                if (1...8).contains(bitWidth) {
                    BitUnpacking.unpackNarrow(packed, bitWidth: bitWidth, count: wanted, into: output.baseAddress! + base)
                } else {
                    BitUnpacking.unpack(packed, bitWidth: bitWidth, count: wanted) { index, value in
                        output[base + index] = Int32(truncatingIfNeeded: value)
                    }
                }
                filled += wanted
            }
        }
    }

    /// The next `count` values in a new array.
    mutating func decode(count: Int) throws(SluiceError) -> [Int32] {
        guard count >= 0 else { throw cursor.corrupt("a negative value count (\(count))") }
        var failure: SluiceError?
        // Every slot is written unless decoding fails, and then the array is dropped.
        let values = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(SluiceError) { try decode(into: buffer) } catch { failure = error }
            initialized = count
        }
        if let failure { throw failure }
        return values
    }

    /// Whether the next `count` values are all `value`, told from the first run alone (as
    /// when a page's definition levels say that no row is null); consumes nothing.
    func startsWithRun(of value: Int32, covering count: Int) -> Bool {
        var peek = cursor
        guard let header = try? peek.readVarint(), header & 1 == 0, Int(clamping: header >> 1) >= count,
              let raw = try? peek.take(valueBytes, "a run's value") else { return false }
        var stored: UInt32 = 0
        for index in 0..<valueBytes { stored |= UInt32(raw[index]) << UInt32(index * 8) }
        return Int32(bitPattern: stored) == value
    }
}
