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
        var length = 0
        let sized = data.withUnsafeBytes { input in
            snappy_uncompressed_length(input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count, &length)
        }
        // A corrupt header could claim gigabytes; Snappy output is never more than about 64 times its input.
        guard sized == SNAPPY_OK, length <= data.count * 64 + 1024 else { throw CompressionFailure.error(.snappy, "bad length header") }
        var output = [UInt8](repeating: 0, count: length)
        let status = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                snappy_uncompress(
                    input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count,
                    out.baseAddress?.assumingMemoryBound(to: CChar.self) ?? UnsafeMutablePointer<CChar>(bitPattern: 1)!,
                    &length)
            }
        }
        guard status == SNAPPY_OK else { throw CompressionFailure.error(.snappy, "invalid block") }
        return output
    }
}
