import CLZ4
import SluiceSpec

/// LZ4 blocks through liblz4: raw blocks and Hadoop's framing of them.
enum LZ4 {
    static func compressBlock(_ data: [UInt8]) throws(SluiceError) -> [UInt8] {
        guard data.count <= Int(LZ4_MAX_INPUT_SIZE) else {
            throw CompressionFailure.error(.lz4Raw, "a block of \(data.count) bytes is larger than LZ4 allows")
        }
        let bound = Int(LZ4_compressBound(Int32(data.count)))
        var output = [UInt8](repeating: 0, count: max(bound, 1))
        let written = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                LZ4_compress_default(
                    input.baseAddress?.assumingMemoryBound(to: CChar.self),
                    out.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(data.count), Int32(bound))
            }
        }
        guard written > 0 || data.isEmpty else { throw CompressionFailure.error(.lz4Raw, "compression failed") }
        output.removeSubrange(Int(written)...)
        return output
    }

    static func decompressBlock(_ data: [UInt8], uncompressedSize: Int) throws(SluiceError) -> [UInt8] {
        try decompressBlock(data[...], uncompressedSize: uncompressedSize, codec: .lz4Raw)
    }

    private static func decompressBlock(
        _ data: ArraySlice<UInt8>, uncompressedSize: Int, codec: CompressionCodec
    ) throws(SluiceError) -> [UInt8] {
        // No bytes for no bytes (an empty section of a page); any other block is decoded and checked.
        if uncompressedSize == 0, data.isEmpty { return [] }
        // LZ4 expands at most about 255 times: a larger claimed size is corrupt, not worth allocating.
        guard uncompressedSize >= 0, uncompressedSize <= data.count * 255 + 64 else {
            throw CompressionFailure.error(codec, "a claimed size of \(uncompressedSize) bytes for \(data.count) compressed bytes")
        }
        // One spare byte, so that an empty block too has an output to point at; the block must
        // decode to exactly `uncompressedSize` bytes (an empty one is a single zero token).
        var output = [UInt8](repeating: 0, count: uncompressedSize + 1)
        let read = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                LZ4_decompress_safe(
                    input.baseAddress?.assumingMemoryBound(to: CChar.self),
                    out.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(input.count), Int32(uncompressedSize))
            }
        }
        output.removeLast()
        guard read == Int32(uncompressedSize) else {
            throw CompressionFailure.error(codec, "invalid block")
        }
        return output
    }

    /// One Hadoop frame: the two big-endian sizes, then one block.
    static func compressHadoop(_ data: [UInt8]) throws(SluiceError) -> [UInt8] {
        let block = try compressBlock(data)
        var output: [UInt8] = []
        output.reserveCapacity(block.count + 8)
        appendBigEndian(UInt32(data.count), to: &output)
        appendBigEndian(UInt32(block.count), to: &output)
        output += block
        return output
    }

    /// Hadoop frames one after another. Some writers put raw blocks under the same codec
    /// id; when the framing does not parse, a raw block of `uncompressedSize` is tried.
    static func decompressHadoop(_ data: [UInt8], uncompressedSize: Int?) throws(SluiceError) -> [UInt8] {
        if let framed = try? decodeHadoopFrames(data, expected: uncompressedSize) { return framed }
        guard let uncompressedSize else { throw CompressionFailure.error(.lz4Hadoop, "invalid framing") }
        return try decompressBlock(data[...], uncompressedSize: uncompressedSize, codec: .lz4Hadoop)
    }

    private static func decodeHadoopFrames(_ data: [UInt8], expected: Int?) throws(SluiceError) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        while offset < data.count {
            guard offset + 8 <= data.count else { throw CompressionFailure.error(.lz4Hadoop, "truncated frame") }
            let decompressedSize = Int(readBigEndian(data, at: offset))
            let compressedSize = Int(readBigEndian(data, at: offset + 4))
            offset += 8
            guard compressedSize <= data.count - offset,
                  decompressedSize <= (expected ?? Int(UInt32.max)) - output.count
            else { throw CompressionFailure.error(.lz4Hadoop, "frame sizes exceed the data") }
            output += try decompressBlock(
                data[offset..<offset + compressedSize], uncompressedSize: decompressedSize, codec: .lz4Hadoop)
            offset += compressedSize
        }
        if let expected, output.count != expected { throw CompressionFailure.error(.lz4Hadoop, "short output") }
        return output
    }

    private static func appendBigEndian(_ value: UInt32, to output: inout [UInt8]) {
        output += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func readBigEndian(_ data: [UInt8], at offset: Int) -> UInt32 {
        UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8
            | UInt32(data[offset + 3])
    }
}
