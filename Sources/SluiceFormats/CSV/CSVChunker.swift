/// A slice of CSV input that starts at a record boundary.
struct CSVChunk: Sendable, Hashable {
    /// Byte offsets of the chunk in the whole input.
    var start: Int
    var end: Int
    /// The 1-based line at `start`, for error messages.
    var firstLine: Int
}

/// Splits CSV input into chunks that start at record boundaries, so they can be inferred and
/// parsed in parallel.
///
/// With RFC 4180 quoting (the escape is the quote itself, so quotes inside fields are doubled)
/// an offset is outside every quoted field exactly when an even number of quote characters
/// precede it; one scan over the input finds such line starts. With another escape character
/// that reasoning fails, and the input stays in one chunk.
enum CSVChunker {
    /// Inputs smaller than this are not split: the scan would cost more than it saves.
    static let minimumChunkBytes = 4 << 20

    /// Chunks covering `start ..< bytes.count`, about `options.chunkBytes` each, in order.
    /// Input with a quote that cannot open, close or double a quoted field (`ab"c`) is not
    /// split: the parity rule does not hold for it.
    static func split(_ bytes: UnsafeRawBufferPointer, from start: Int, firstLine: Int, options: CSVOptions,
                      minimumBytes: Int = minimumChunkBytes) -> [CSVChunk] {
        let end = bytes.count
        let size = max(options.chunkBytes, minimumBytes)
        guard options.escape == options.quote, end - start > size + size / 2, let base = bytes.baseAddress else {
            return [CSVChunk(start: start, end: end, firstLine: firstLine)]
        }
        let pointer = base.assumingMemoryBound(to: UInt8.self)
        let quote = options.quote
        let newline = UInt8(ascii: "\n")
        var chunks: [CSVChunk] = []
        var chunkStart = start
        var chunkLine = firstLine
        var line = firstLine
        var quotes = 0
        var target = start + size
        var offset = start
        while offset < end {
            let byte = pointer[offset]
            offset += 1
            if byte == quote {
                quotes &+= 1
                let before = offset >= 2 ? pointer[offset - 2] : newline
                let after = offset < end ? pointer[offset] : newline
                let placed = before == options.delimiter || before == newline || before == quote || before == UInt8(ascii: "\r")
                    || after == options.delimiter || after == newline || after == quote || after == UInt8(ascii: "\r")
                if !placed { return [CSVChunk(start: start, end: end, firstLine: firstLine)] }
            } else if byte == newline {
                line += 1
                if offset >= target, quotes & 1 == 0, end - offset > size / 2 {
                    chunks.append(CSVChunk(start: chunkStart, end: offset, firstLine: chunkLine))
                    chunkStart = offset
                    chunkLine = line
                    target = offset + size
                }
            }
        }
        chunks.append(CSVChunk(start: chunkStart, end: end, firstLine: chunkLine))
        return chunks
    }
}
