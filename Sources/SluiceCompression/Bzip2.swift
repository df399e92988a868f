import CBzip2
import SluiceSpec

/// bzip2 streams through libbz2.
enum Bzip2 {
    static func compress(_ data: [UInt8]) throws(SluiceError) -> [UInt8] {
        var stream = bz_stream()
        guard BZ2_bzCompressInit(&stream, 9, 0, 0) == BZ_OK else {
            throw CompressionFailure.error(.bzip2, "libbz2 did not start")
        }
        defer { BZ2_bzCompressEnd(&stream) }
        return try StreamDriver.run(data, codec: .bzip2, sizeHint: data.count / 2) { (input, output) throws(SluiceError) -> StreamDriver.Step in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: CChar.self))
            stream.avail_in = UInt32(input.count)
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: CChar.self)
            stream.avail_out = UInt32(output.count)
            let result = BZ2_bzCompress(&stream, BZ_FINISH)
            guard result == BZ_FINISH_OK || result == BZ_STREAM_END else {
                throw CompressionFailure.error(.bzip2, "compression failed (\(result))")
            }
            return .init(
                consumed: input.count - Int(stream.avail_in), produced: output.count - Int(stream.avail_out),
                finished: result == BZ_STREAM_END)
        }
    }

    static func decompress(_ data: [UInt8], sizeHint: Int?) throws(SluiceError) -> [UInt8] {
        var stream = bz_stream()
        guard BZ2_bzDecompressInit(&stream, 0, 0) == BZ_OK else {
            throw CompressionFailure.error(.bzip2, "libbz2 did not start")
        }
        defer { BZ2_bzDecompressEnd(&stream) }
        return try StreamDriver.run(data, codec: .bzip2, sizeHint: sizeHint ?? data.count * 4, limit: sizeHint) { (input, output) throws(SluiceError) -> StreamDriver.Step in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: CChar.self))
            stream.avail_in = UInt32(input.count)
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: CChar.self)
            stream.avail_out = UInt32(output.count)
            let result = BZ2_bzDecompress(&stream)
            guard result == BZ_OK || result == BZ_STREAM_END else {
                throw CompressionFailure.error(.bzip2, "invalid stream (\(result))")
            }
            return .init(
                consumed: input.count - Int(stream.avail_in), produced: output.count - Int(stream.avail_out),
                finished: result == BZ_STREAM_END)
        }
    }
}
