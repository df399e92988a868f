import CZstd
import SluiceSpec

/// Zstandard frames through libzstd.
enum Zstd {
    /// Level 3 is zstd's default and the one other writers use.
    static let level: Int32 = 3

    static func compress(_ data: [UInt8]) throws(SluiceError) -> [UInt8] {
        let bound = ZSTD_compressBound(data.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                ZSTD_compress(out.baseAddress, bound, input.baseAddress, input.count, level)
            }
        }
        guard ZSTD_isError(written) == 0 else {
            throw CompressionFailure.error(.zstd, String(cString: ZSTD_getErrorName(written)))
        }
        output.removeSubrange(written...)
        return output
    }

    static func decompress(_ data: [UInt8], sizeHint: Int?) throws(SluiceError) -> [UInt8] {
        guard let stream = ZSTD_createDStream() else { throw CompressionFailure.error(.zstd, "out of memory") }
        defer { ZSTD_freeDStream(stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(sizeHint ?? data.count * 4, 64 << 20))
        var chunk = [UInt8](repeating: 0, count: max(ZSTD_DStreamOutSize(), 1 << 16))
        var failure: String?
        data.withUnsafeBytes { input in
            var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
            var lastResult = 0
            repeat {
                let (result, produced) = chunk.withUnsafeMutableBytes { out in
                    var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                    let result = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                    return (result, outBuffer.pos)
                }
                if ZSTD_isError(result) != 0 {
                    failure = String(cString: ZSTD_getErrorName(result))
                    return
                }
                output.append(contentsOf: chunk[..<produced])
                if let sizeHint, output.count > sizeHint {
                    failure = "decompressed past the \(sizeHint) bytes the container states"
                    return
                }
                lastResult = result
                if produced == 0 && inBuffer.pos == inBuffer.size && result != 0 {
                    failure = "the stream ends in the middle of a frame"
                    return
                }
            } while inBuffer.pos < inBuffer.size || lastResult != 0
        }
        if let failure { throw CompressionFailure.error(.zstd, failure) }
        return output
    }

    /// The content size the first frame of `data` declares, when it declares one that is
    /// plausible for the input's size; nil otherwise. (A frame of zeros can legitimately hold
    /// more: it is then decompressed as a stream.)
    static func declaredLength(_ data: UnsafeRawBufferPointer) -> Int? {
        guard let base = data.baseAddress else { return nil }
        let size = ZSTD_getFrameContentSize(base, data.count)
        // ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are the two largest values.
        guard size < UInt64.max - 1, size <= UInt64(data.count) * 4096 + (1 << 20) else { return nil }
        return Int(size)
    }

    /// `data` decompressed in one call into `output`, which must be exactly as long as the
    /// decompressed bytes.
    static func decompress(_ data: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(SluiceError) {
        let written = ZSTD_decompress(output.baseAddress, output.count, data.baseAddress, data.count)
        guard ZSTD_isError(written) == 0 else {
            throw CompressionFailure.error(.zstd, String(cString: ZSTD_getErrorName(written)))
        }
        guard written == output.count else {
            throw CompressionFailure.error(.zstd, "decompressed to \(written) bytes, not the \(output.count) the container states")
        }
    }
}
