import SluiceSpec

/// One field of a CSV record: a byte range of the input.
struct CSVField {
    var start: Int
    var end: Int
    /// Whether the field was quoted (a quoted field is never null).
    var quoted: Bool
    /// Whether the range holds escape sequences that must be removed.
    var escaped: Bool
}

/// Where a tokenizer stands, so reading can stop between batches and resume.
struct CSVPosition: Sendable {
    var offset = 0
    /// The 1-based line at `offset`.
    var line = 1
    /// The offset where that line starts.
    var lineStart = 0
}

/// Splits CSV bytes into records and fields without copying them.
struct CSVTokenizer {
    let bytes: UnsafeRawBufferPointer
    let delimiter: UInt8
    let quote: UInt8
    let escape: UInt8
    let file: String
    var position: CSVPosition

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Reads the next non-blank record into `fields`; returns the line and line offset where
    /// it starts, or nil at the end of the input.
    mutating func nextRecord(into fields: inout [CSVField]) throws(SluiceError) -> (line: Int, lineStart: Int)? {
        fields.removeAll(keepingCapacity: true)
        // Blank lines are skipped, as Spark does.
        while position.offset < bytes.count, bytes[position.offset] == Self.newline || bytes[position.offset] == Self.carriageReturn {
            consumeLineBreak()
        }
        guard position.offset < bytes.count else { return nil }
        let start = (position.line, position.lineStart)
        while true {
            let field = try readField()
            fields.append(field)
            guard position.offset < bytes.count else { return start }
            let byte = bytes[position.offset]
            if byte == delimiter {
                // A delimiter at the very end still opens one (empty) field, which the loop reads.
                position.offset += 1
                continue
            }
            consumeLineBreak()
            return start
        }
    }

    /// The column (1-based, in bytes) of `offset` on the line that starts at `lineStart`.
    static func column(of offset: Int, lineStart: Int) -> Int { offset - lineStart + 1 }

    private mutating func readField() throws(SluiceError) -> CSVField {
        if position.offset < bytes.count, bytes[position.offset] == quote {
            return try readQuotedField()
        }
        let start = position.offset
        var offset = start
        // Eight bytes at a time while they hold no delimiter or line break, then byte by byte.
        if let base = bytes.baseAddress {
            let delimiters = Self.broadcast(delimiter), newlines = Self.broadcast(Self.newline), returns = Self.broadcast(Self.carriageReturn)
            while offset + 8 <= bytes.count {
                let word = UInt64(littleEndian: (base + offset).loadUnaligned(as: UInt64.self))
                let found = Self.zeroBytes(word ^ delimiters) | Self.zeroBytes(word ^ newlines) | Self.zeroBytes(word ^ returns)
                if found != 0 {
                    offset += found.trailingZeroBitCount >> 3
                    position.offset = offset
                    return CSVField(start: start, end: offset, quoted: false, escaped: false)
                }
                offset += 8
            }
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == delimiter || byte == Self.newline || byte == Self.carriageReturn { break }
            offset += 1
        }
        position.offset = offset
        return CSVField(start: start, end: offset, quoted: false, escaped: false)
    }

    /// `byte` in each of the eight bytes of a word.
    @inline(__always)
    private static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// The high bit of each zero byte of `word` set; bits above the lowest zero byte may be
    /// set falsely (borrows), so only the lowest set bit is to be trusted.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    private mutating func readQuotedField() throws(SluiceError) -> CSVField {
        let openLine = position.line
        let openColumn = Self.column(of: position.offset, lineStart: position.lineStart)
        let start = position.offset + 1
        var offset = start
        var escaped = false
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == escape, escape != quote, offset + 1 < bytes.count, bytes[offset + 1] == quote || bytes[offset + 1] == escape {
                escaped = true
                offset += 2
                continue
            }
            if byte == quote {
                if escape == quote, offset + 1 < bytes.count, bytes[offset + 1] == quote {
                    escaped = true
                    offset += 2
                    continue
                }
                let end = offset
                position.offset = offset + 1
                // Tolerate stray characters between the closing quote and the delimiter, as Spark does.
                while position.offset < bytes.count, bytes[position.offset] != delimiter,
                      bytes[position.offset] != Self.newline, bytes[position.offset] != Self.carriageReturn {
                    position.offset += 1
                }
                return CSVField(start: start, end: end, quoted: true, escaped: escaped)
            }
            if byte == Self.newline {
                position.line += 1
                position.lineStart = offset + 1
            }
            offset += 1
        }
        throw SluiceError(.malformedData, "a quoted field opened at line \(openLine) is never closed",
                          location: SourceLocation(file: file, line: openLine, column: openColumn),
                          hint: "check for a missing closing quote character")
    }

    private mutating func consumeLineBreak() {
        if bytes[position.offset] == Self.carriageReturn { position.offset += 1 }
        if position.offset < bytes.count, bytes[position.offset] == Self.newline { position.offset += 1 }
        position.line += 1
        position.lineStart = position.offset
    }
}

extension CSVField {
    /// The field's bytes with escape sequences removed.
    func unescaped(in bytes: UnsafeRawBufferPointer, quote: UInt8, escape: UInt8) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        var offset = start
        while offset < end {
            let byte = bytes[offset]
            if (byte == escape || byte == quote), offset + 1 < end, bytes[offset + 1] == quote || (escape != quote && bytes[offset + 1] == escape) {
                output.append(bytes[offset + 1])
                offset += 2
                continue
            }
            output.append(byte)
            offset += 1
        }
        return output
    }
}
