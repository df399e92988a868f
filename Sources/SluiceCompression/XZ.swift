import CLZMA
import SluiceSpec

/// xz (LZMA2) streams through liblzma.
enum XZ {
    /// liblzma's LZMA_CONCATENATED flag (a macro Swift does not import): read every stream in the input.
    private static let concatenated: UInt32 = 0x08

    static func compress(_ data: [UInt8]) throws(SluiceError) -> [UInt8] {
        var stream = lzma_stream()
        guard lzma_easy_encoder(&stream, 6, LZMA_CHECK_CRC64) == LZMA_OK else {
            throw CompressionFailure.error(.xz, "liblzma did not start")
        }
        defer { lzma_end(&stream) }
        return try code(&stream, data, sizeHint: data.count / 2, limit: nil, action: LZMA_FINISH)
    }

    static func decompress(_ data: [UInt8], sizeHint: Int?) throws(SluiceError) -> [UInt8] {
        var stream = lzma_stream()
        guard lzma_stream_decoder(&stream, UInt64.max, concatenated) == LZMA_OK else {
            throw CompressionFailure.error(.xz, "liblzma did not start")
        }
        defer { lzma_end(&stream) }
        return try code(&stream, data, sizeHint: sizeHint ?? data.count * 4, limit: sizeHint, action: LZMA_FINISH)
    }

    private static func code(
        _ stream: inout lzma_stream, _ data: [UInt8], sizeHint: Int, limit: Int?, action: lzma_action
    ) throws(SluiceError) -> [UInt8] {
        try StreamDriver.run(data, codec: .xz, sizeHint: sizeHint, limit: limit) { (input, output) throws(SluiceError) -> StreamDriver.Step in
            stream.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
            stream.avail_in = input.count
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = output.count
            let result = lzma_code(&stream, action)
            guard result == LZMA_OK || result == LZMA_STREAM_END || result == LZMA_BUF_ERROR else {
                throw CompressionFailure.error(.xz, "invalid stream (\(result.rawValue))")
            }
            return .init(
                consumed: input.count - stream.avail_in, produced: output.count - stream.avail_out,
                finished: result == LZMA_STREAM_END)
        }
    }
}
