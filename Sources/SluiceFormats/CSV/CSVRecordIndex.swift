/// The field boundaries of a run of plain CSV records, found eight bytes at a time, so that
/// fields can then be converted a column at a time.
///
/// A run holds only regular records: one line each, without quote characters, `fieldCount`
/// fields, ended by `\n` or `\r\n`. Starting at a record boundary, every line break before
/// the first quote ends a record. The scan stops before the first other record (one with a
/// quote, a blank line, another number of fields, a lone `\r`, a last line without a line
/// break), which the caller reads with `CSVTokenizer`, whose rules it follows.
struct CSVRecordIndex {
    let fieldCount: Int
    let delimiter: UInt8
    let quote: UInt8
    /// The end of each field (its delimiter or line break) as an offset from `start`,
    /// `fieldCount` per record; only the first `records * fieldCount` are the run's.
    private var ends: [Int32] = []
    /// Where the first record of the run starts, and where the one after the run starts.
    private(set) var start = 0
    private(set) var end = 0

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    init(fieldCount: Int, delimiter: UInt8, quote: UInt8) {
        self.fieldCount = fieldCount
        self.delimiter = delimiter
        self.quote = quote
    }

    /// Whether plain scanning can split records with this delimiter and quote.
    static func supports(delimiter: UInt8, quote: UInt8) -> Bool {
        ![newline, carriageReturn, quote].contains(delimiter) && quote != newline && quote != carriageReturn
    }

    /// The number of records in the run starting at `offset`, at most `limit` (zero when the
    /// record at `offset` is not a regular one).
    mutating func scan(_ all: UnsafeRawBufferPointer, from offset: Int, limit: Int) -> Int {
        start = offset
        end = offset
        guard let base = all.baseAddress, limit > 0, offset < all.count else { return 0 }
        // Offsets from `start` must fit in 32 bits: a run stops short of that.
        let count = min(all.count, offset + Int(Int32.max) - 1)
        if ends.count < limit * fieldCount {
            // Every entry is written by the scan before it is read: no need to clear them.
            ends = [Int32](unsafeUninitializedCapacity: limit * fieldCount) { _, initialized in initialized = limit * fieldCount }
        }
        let (records, next) = ends.withUnsafeMutableBufferPointer { ends in
            var cursor = Cursor(ends: ends.baseAddress!, fieldCount: fieldCount, start: offset, limit: limit)
            var position = offset
            let delimiters = Self.broadcast(delimiter), newlines = Self.broadcast(Self.newline)
            let carriageReturns = Self.broadcast(Self.carriageReturn), quotes = Self.broadcast(quote)
            scanning: while position + 8 <= count {
                let word = UInt64(littleEndian: (base + position).loadUnaligned(as: UInt64.self))
                let lineBreaks = Self.zeroBytes(word ^ newlines)
                var structural = Self.zeroBytes(word ^ delimiters) | lineBreaks
                // Only the bytes before a quote count: the record holding it is not plain.
                let quoted = Self.zeroBytes(word ^ quotes)
                if quoted != 0 { structural &= (UInt64(1) << quoted.trailingZeroBitCount) &- 1 }
                // A carriage return may only come right before a line feed.
                var returns = Self.zeroBytes(word ^ carriageReturns)
                while returns != 0 {
                    let at = position + returns.trailingZeroBitCount >> 3
                    if at + 1 >= count || base.load(fromByteOffset: at + 1, as: UInt8.self) != Self.newline { return cursor.finish() }
                    returns &= returns &- 1
                }
                while structural != 0 {
                    let bit = structural.trailingZeroBitCount
                    if !cursor.visit(position + bit >> 3, isNewline: lineBreaks & (1 << bit) != 0, base) { return cursor.finish() }
                    structural &= structural &- 1
                }
                if quoted != 0 { return cursor.finish() }
                position += 8
            }
            while position < count {
                let byte = base.load(fromByteOffset: position, as: UInt8.self)
                if byte == quote { break }
                if byte == Self.carriageReturn, position + 1 >= count || base.load(fromByteOffset: position + 1, as: UInt8.self) != Self.newline { break }
                if byte == delimiter || byte == Self.newline, !cursor.visit(position, isNewline: byte == Self.newline, base) { break }
                position += 1
            }
            return cursor.finish()
        }
        end = next
        return records
    }

    /// The scan's state: the record being read and the runs' records so far.
    private struct Cursor {
        let ends: UnsafeMutablePointer<Int32>
        let fieldCount: Int
        let start: Int
        let limit: Int
        var records = 0
        var fields = 0
        var lineStart: Int

        init(ends: UnsafeMutablePointer<Int32>, fieldCount: Int, start: Int, limit: Int) {
            self.ends = ends
            self.fieldCount = fieldCount
            self.start = start
            self.limit = limit
            lineStart = start
        }

        /// One structural byte: a delimiter ends a field, a line break ends the record, which
        /// joins the run when it is regular. False stops the run.
        @inline(__always)
        mutating func visit(_ at: Int, isNewline: Bool, _ base: UnsafeRawPointer) -> Bool {
            guard fields < fieldCount else { return false }
            ends[records * fieldCount + fields] = Int32(truncatingIfNeeded: at - start)
            fields += 1
            guard isNewline else { return true }
            var lineEnd = at
            if lineEnd > lineStart, base.load(fromByteOffset: lineEnd - 1, as: UInt8.self) == CSVRecordIndex.carriageReturn { lineEnd -= 1 }
            guard fields == fieldCount, lineEnd > lineStart else { return false }
            records += 1
            lineStart = at + 1
            fields = 0
            return records < limit
        }

        /// The records of the run and where the record after them starts.
        func finish() -> (Int, Int) { (records, lineStart) }
    }

    /// The byte range of field `field` of record `record` in the run.
    @inline(__always)
    func field(_ field: Int, of record: Int, in bytes: UnsafeRawBufferPointer) -> Range<Int> {
        let index = record * fieldCount + field
        var fieldEnd = start + Int(ends[index])
        if field == fieldCount - 1, fieldEnd > 0, bytes[fieldEnd - 1] == Self.carriageReturn { fieldEnd -= 1 }
        let fieldStart = index == 0 ? start : start + Int(ends[index - 1]) + 1
        return fieldStart..<max(fieldStart, fieldEnd)
    }

    /// Where record `record` of the run starts.
    func recordStart(_ record: Int) -> Int {
        record == 0 ? start : start + Int(ends[record * fieldCount - 1]) + 1
    }

    /// `byte` in each of the eight bytes of a word.
    @inline(__always)
    private static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// The high bit of each zero byte of `word`, and no other bit.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        return ~(((word & low) &+ low) | word | low)
    }
}
