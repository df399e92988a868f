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
        let length = try uncompressedLength(input)
        var failure: SluiceError?
        // libsnappy writes every byte of a valid block; the output of an invalid one is dropped.
        let output = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            do throws(SluiceError) {
                try decompress(input, into: UnsafeMutableRawBufferPointer(out))
                initialized = length
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return output
    }

    /// A raw block decompressed into `output`, which must be exactly its decompressed length.
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(SluiceError) {
        let length = try uncompressedLength(input)
        guard length == output.count else {
            throw CompressionFailure.error(.snappy, "the block holds \(length) bytes where \(output.count) were expected")
        }
        var written = length
        let status = snappy_uncompress(input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count,
                                       output.baseAddress.map { $0.assumingMemoryBound(to: CChar.self) }
                                           ?? UnsafeMutablePointer<CChar>(bitPattern: 1)!, &written)
        guard status == SNAPPY_OK, written == length else { throw CompressionFailure.error(.snappy, "invalid block") }
    }

    /// The decompressed length a block's header states.
    static func uncompressedLength(_ input: UnsafeRawBufferPointer) throws(SluiceError) -> Int {
        var length = 0
        let sized = snappy_uncompressed_length(input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count, &length)
        // A corrupt header could claim gigabytes; Snappy output is never more than about 64 times its input.
        guard sized == SNAPPY_OK, length <= input.count * 64 + 1024 else { throw CompressionFailure.error(.snappy, "bad length header") }
        return length
    }
}
