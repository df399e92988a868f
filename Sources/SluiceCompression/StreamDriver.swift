import SluiceSpec

/// Runs a streaming C codec (zlib, bzip2, xz) over a whole buffer: hands it the unread input
/// and a free output chunk until it reports the end of the stream.
enum StreamDriver {
    /// What one call of a codec did.
    struct Step {
        var consumed: Int
        var produced: Int
        var finished: Bool
    }

    static func run(
        _ input: [UInt8],
        codec: CompressionCodec,
        sizeHint: Int,
        limit: Int? = nil,
        step: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) throws(SluiceError) -> Step
    ) throws(SluiceError) -> [UInt8] {
        var output: [UInt8] = []
        // The hint comes from the container and may be corrupt: reserve no more than 64 MB up front.
        output.reserveCapacity(min(max(sizeHint, 64), 64 << 20))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var position = 0
        var finished = false
        while !finished {
            // withUnsafeBytes only rethrows untyped errors, so the step's error travels as a Result.
            let outcome = input.withUnsafeBytes { all in
                let rest = UnsafeRawBufferPointer(rebasing: all[position...])
                return chunk.withUnsafeMutableBytes { out in Result { () throws(SluiceError) in try step(rest, out) } }
            }
            let result = try outcome.get()
            output.append(contentsOf: chunk[..<result.produced])
            // A container that states the decompressed size bounds the output: a corrupt stream
            // cannot make it grow without end.
            if let limit, output.count > limit {
                throw CompressionFailure.error(codec, "decompressed past the \(limit) bytes the container states")
            }
            position += result.consumed
            finished = result.finished
            if !finished && result.consumed == 0 && result.produced == 0 {
                throw CompressionFailure.error(codec, "the stream ends early")
            }
        }
        return output
    }
}
