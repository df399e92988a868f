import Foundation
import SluiceEngine

/// A slice of CSV input that starts at a record boundary.
struct CSVChunk: Sendable, Hashable {
    /// Byte offsets of the chunk in the whole input.
    var start: Int
    var end: Int
    /// The 1-based line at `start`, when known; otherwise it is counted if an error needs it.
    var firstLine: Int?
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
        // Without any quote every line break ends a record: find boundaries with memchr alone.
        if !contains(quote, pointer + start, count: end - start) {
            return splitAtLineBreaks(pointer, start: start, end: end, firstLine: firstLine, size: size)
        }
        var chunks: [CSVChunk] = []
        var chunkStart = start
        var quotes = 0
        var target = start + size
        var offset = start
        // Quotes and line breaks are found with memchr; only quotes are looked at one by one.
        func find(_ byte: UInt8, _ from: Int, _ to: Int) -> Int? {
            guard from < to, let found = memchr(pointer + from, Int32(byte), to - from) else { return nil }
            return UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - pointer
        }
        // Counts the quotes in `from ..< to`; false when one cannot open, close or double a field.
        func countQuotes(_ from: Int, _ to: Int) -> Bool {
            var next = from
            while let at = find(quote, next, to) {
                let before = at >= 1 ? pointer[at - 1] : newline
                let after = at + 1 < end ? pointer[at + 1] : newline
                let placed = before == options.delimiter || before == newline || before == quote || before == UInt8(ascii: "\r")
                    || after == options.delimiter || after == newline || after == quote || after == UInt8(ascii: "\r")
                guard placed else { return false }
                quotes &+= 1
                next = at + 1
            }
            return true
        }
        let whole = [CSVChunk(start: start, end: end, firstLine: firstLine)]
        while offset < end {
            if offset < target {
                let limit = min(target, end)
                guard countQuotes(offset, limit) else { return whole }
                offset = limit
                continue
            }
            // Past the target: the next line break after which the quotes are even ends the chunk.
            guard end - offset > size / 2, let lineBreak = find(newline, offset, end) else {
                guard countQuotes(offset, end) else { return whole }
                break
            }
            guard countQuotes(offset, lineBreak) else { return whole }
            offset = lineBreak + 1
            if quotes & 1 == 0, end - offset > size / 2 {
                chunks.append(CSVChunk(start: chunkStart, end: offset, firstLine: chunks.isEmpty ? firstLine : nil))
                chunkStart = offset
                target = offset + size
            }
        }
        chunks.append(CSVChunk(start: chunkStart, end: end, firstLine: chunks.isEmpty ? firstLine : nil))
        return chunks
    }

    /// Whether `byte` occurs in the `count` bytes at `pointer`; large inputs are searched on
    /// every core at once (the search is also what first reads a mapped file's pages).
    static func contains(_ byte: UInt8, _ pointer: UnsafePointer<UInt8>, count: Int) -> Bool {
        let pieces = count < 64 << 20 ? 1 : ProcessInfo.processInfo.activeProcessorCount * 4
        guard pieces > 1 else { return memchr(pointer, Int32(byte), count) != nil }
        let found = SharedFlag()
        let size = (count + pieces - 1) / pieces
        let address = UInt(bitPattern: pointer)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let from = piece * size
            guard from < count, !found.isRaised else { return }
            let base = UnsafePointer<UInt8>(bitPattern: address)!
            if memchr(base + from, Int32(byte), min(size, count - from)) != nil { found.raise() }
        }
        return found.isRaised
    }

    /// Chunks ending at the first line break after each `size` bytes, found with memchr.
    private static func splitAtLineBreaks(_ pointer: UnsafePointer<UInt8>, start: Int, end: Int, firstLine: Int,
                                          size: Int) -> [CSVChunk] {
        var chunks: [CSVChunk] = []
        var chunkStart = start
        while end - chunkStart > size + size / 2 {
            guard let found = memchr(pointer + chunkStart + size, Int32(UInt8(ascii: "\n")), end - chunkStart - size) else { break }
            let boundary = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - pointer + 1
            chunks.append(CSVChunk(start: chunkStart, end: boundary, firstLine: chunks.isEmpty ? firstLine : nil))
            chunkStart = boundary
        }
        chunks.append(CSVChunk(start: chunkStart, end: end, firstLine: chunks.isEmpty ? firstLine : nil))
        return chunks
    }

    /// The 1-based line at `offset`: one more than the line breaks before it.
    static func line(at offset: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var count = 1
        var position = 0
        while position < offset, let base = bytes.baseAddress,
              let found = memchr(base + position, Int32(UInt8(ascii: "\n")), offset - position) {
            count += 1
            position = UnsafeRawPointer(found) - base + 1
        }
        return count
    }
}
