import CSnappy
import SluiceSpec

/// Raw Snappy blocks through libsnappy's C API.
enum Snappy {
    static func compress(_ data: [UInt8]) throws(SluiceError) -> [UInt8] {
        var capacity = snappy_max_compressed_length(data.count)
        var output = [UInt8](repeating: 0, count: capacity)
        let status = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                snappy_compress(
                    input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count,
                    out.baseAddress!.assumingMemoryBound(to: CChar.self), &capacity)
            }
        }
        guard status == SNAPPY_OK else { throw CompressionFailure.error(.snappy, "compression failed") }
        output.removeSubrange(capacity...)
        return output
    }

    static func decompress(_ data: [UInt8]) throws(SluiceError) -> [UInt8] {
        let outcome = data.withUnsafeBytes { input in Result { () throws(SluiceError) in try decompress(input) } }
        return try outcome.get()
    }

    /// A raw block read in place (a page of a memory-mapped file, say).
    static func decompress(_ input: UnsafeRawBufferPointer) throws(SluiceError) -> [UInt8] {
        let source = input.baseAddress?.assumingMemoryBound(to: CChar.self)
        var length = 0
        let sized = snappy_uncompressed_length(source, input.count, &length)
        // A corrupt header could claim gigabytes; Snappy output is never more than about 64 times its input.
        guard sized == SNAPPY_OK, length <= input.count * 64 + 1024 else { throw CompressionFailure.error(.snappy, "bad length header") }
        var status = SNAPPY_OK
        // libsnappy writes every byte of a valid block; the output of an invalid one is dropped.
        let output = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            var written = length
            status = snappy_uncompress(source, input.count,
                                       out.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
                                           ?? UnsafeMutablePointer<CChar>(bitPattern: 1)!, &written)
            initialized = status == SNAPPY_OK ? written : 0
        }
        guard status == SNAPPY_OK else { throw CompressionFailure.error(.snappy, "invalid block") }
        return output
    }
}
