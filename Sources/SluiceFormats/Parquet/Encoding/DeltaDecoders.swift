import SluiceEngine
import SluiceSpec

/// Decodes DELTA_BINARY_PACKED integers and the two byte-array encodings built on it,
/// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY.
enum DeltaDecoders {
    /// `count` integers (at most; the header's total wins when smaller is wrong) as Int64,
    /// computed with wrapping arithmetic as the format requires.
    static func integers(_ cursor: inout ByteCursor, count: Int) throws(SluiceError) -> [Int64] {
        guard count >= 0 else { throw cursor.corrupt("a negative value count (\(count))") }
        let blockSize = Int(clamping: try cursor.readVarint())
        let miniblocks = Int(clamping: try cursor.readVarint())
        let total = Int(clamping: try cursor.readVarint())
        var value = try cursor.readZigZag()
        guard blockSize > 0, blockSize % 128 == 0, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 32 == 0
        else { throw cursor.corrupt("a delta header with block size \(blockSize) and \(miniblocks) miniblocks") }
        guard total >= count else { throw cursor.corrupt("a delta run of \(total) values where \(count) are needed") }
        let perMiniblock = blockSize / miniblocks
        var output: [Int64] = []
        output.reserveCapacity(count)
        if count > 0 { output.append(value) }
        var widths = [Int](repeating: 0, count: miniblocks)
        // Values still to read from the encoded stream (the first is in the header).
        var left = total - 1
        // Stops once `count` values are out: a corrupt total cannot make it spin on empty miniblocks.
        while left > 0 && output.count < count {
            let minDelta = try cursor.readZigZag()
            for index in 0..<miniblocks { widths[index] = Int(try cursor.readByte()) }
            for width in widths where left > 0 {
                guard width <= 64 else { throw cursor.corrupt("a miniblock bit width of \(width)") }
                let byteCount = perMiniblock * width / 8
                let packed = try cursor.take(min(byteCount, cursor.remaining), "a miniblock")
                let used = min(perMiniblock, left)
                BitUnpacking.unpack(packed, bitWidth: width, count: used) { _, delta in
                    value = value &+ minDelta &+ Int64(bitPattern: delta)
                    if output.count < count { output.append(value) }
                }
                left -= used
            }
        }
        return output
    }

    /// DELTA_LENGTH_BYTE_ARRAY: the lengths, delta-packed, then the bytes back to back.
    static func lengthByteArrays(_ cursor: inout ByteCursor, count: Int) throws(SluiceError) -> StringStorage {
        let lengths = try integers(&cursor, count: count)
        var storage = StringStorage(capacity: count)
        for length in lengths {
            guard length >= 0 else { throw cursor.corrupt("a negative length") }
            storage.append(bytes: try cursor.take(Int(length), "a byte array of \(length) bytes"))
        }
        return storage
    }

    /// DELTA_BYTE_ARRAY: prefix lengths shared with the previous value, then the suffixes.
    static func byteArrays(_ cursor: inout ByteCursor, count: Int) throws(SluiceError) -> StringStorage {
        let prefixes = try integers(&cursor, count: count)
        let suffixes = try lengthByteArrays(&cursor, count: count)
        var storage = StringStorage(capacity: count)
        var previous: [UInt8] = []
        for index in 0..<count {
            let prefix = Int(prefixes[index])
            guard prefix >= 0, prefix <= previous.count else { throw cursor.corrupt("a prefix of \(prefix) bytes") }
            var current = Array(previous[..<prefix])
            current += suffixes.utf8(at: index)
            storage.append(utf8: current)
            previous = current
        }
        return storage
    }

    /// BYTE_STREAM_SPLIT: byte `b` of value `i` at `b * count + i`.
    static func byteStreamSplit(_ cursor: inout ByteCursor, count: Int, width: Int) throws(SluiceError) -> [UInt8] {
        guard count >= 0, width > 0 else { throw cursor.corrupt("\(count) split values of \(width) bytes") }
        let raw = try cursor.take(count * width, "\(count) split values")
        var joined = [UInt8](repeating: 0, count: count * width)
        for stream in 0..<width {
            for index in 0..<count { joined[index * width + stream] = raw[stream * count + index] }
        }
        return joined
    }
}
