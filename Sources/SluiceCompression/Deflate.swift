import CZlib
import SluiceSpec

/// Deflate streams through zlib, gzip-wrapped or raw.
enum Deflate {
    /// How a deflate stream is wrapped.
    enum Framing {
        /// RFC 1952 (a gzip header and CRC trailer).
        case gzip
        /// RFC 1951 (bare deflate).
        case raw

        var windowBits: Int32 {
            switch self {
            case .gzip: 15 + 16
            case .raw: -15
            }
        }

        var codec: CompressionCodec { self == .gzip ? .gzip : .deflate }
    }

    static func compress(_ data: [UInt8], framing: Framing) throws(SluiceError) -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, framing.windowBits, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw CompressionFailure.error(framing.codec, "zlib did not start (\(status))") }
        defer { deflateEnd(&stream) }
        return try StreamDriver.run(data, codec: framing.codec, sizeHint: data.count / 2) { (input, output) throws(SluiceError) -> StreamDriver.Step in
            attach(&stream, input, output)
            let result = deflate(&stream, Z_FINISH)
            guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                throw CompressionFailure.error(framing.codec, "compression failed (\(result))")
            }
            return .init(
                consumed: input.count - Int(stream.avail_in), produced: output.count - Int(stream.avail_out),
                finished: result == Z_STREAM_END)
        }
    }

    /// Decompresses; a gzip input may hold several members one after another, as `cat a.gz b.gz` makes.
    static func decompress(_ data: [UInt8], framing: Framing, sizeHint: Int?) throws(SluiceError) -> [UInt8] {
        var stream = z_stream()
        let status = inflateInit2_(&stream, framing.windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw CompressionFailure.error(framing.codec, "zlib did not start (\(status))") }
        defer { inflateEnd(&stream) }
        return try StreamDriver.run(data, codec: framing.codec, sizeHint: sizeHint ?? data.count * 4, limit: sizeHint) { (input, output) throws(SluiceError) -> StreamDriver.Step in
            attach(&stream, input, output)
            let result = inflate(&stream, Z_NO_FLUSH)
            guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(result)"
                throw CompressionFailure.error(framing.codec, reason)
            }
            let consumed = input.count - Int(stream.avail_in)
            var finished = result == Z_STREAM_END
            if finished && framing == .gzip && stream.avail_in > 0 {
                inflateReset(&stream)
                finished = false
            }
            return .init(consumed: consumed, produced: output.count - Int(stream.avail_out), finished: finished)
        }
    }

    /// Points zlib at the unread input and a free output chunk.
    private static func attach(_ stream: inout z_stream, _ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) {
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
    }

    /// The CRC-32 (ISO-HDLC, as zlib computes it) of `data`.
    static func crc32(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBytes { bytes in
            UInt32(CZlib.crc32(0, bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
        }
    }
}

/// Checksums that container formats store beside compressed blocks.
public enum Checksum {
    /// The CRC-32 used by zlib, gzip, PNG and Avro's snappy codec.
    public static func crc32(_ data: [UInt8]) -> UInt32 { Deflate.crc32(data) }
}
