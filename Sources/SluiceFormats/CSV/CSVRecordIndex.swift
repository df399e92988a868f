import CByteClasses

/// The field boundaries of a run of plain CSV records, found 64 bytes at a time, so that
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
    /// Four byte-class masks per block of a slice (`CByteClasses`).
    private var masks = [UInt64](repeating: 0, count: 4 * blocksPerSlice)

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
            let classes: [UInt8] = [delimiter, Self.newline, quote, Self.carriageReturn]
            return masks.withUnsafeMutableBufferPointer { masks in
                // Whole 64-byte blocks, classified a slice at a time: bit j of a mask is byte j of the block.
                while position + 64 <= count {
                    let blocks = min(Self.blocksPerSlice, (count - position) / 64)
                    sluice_byte_classes(base.assumingMemoryBound(to: UInt8.self) + position, blocks, classes, masks.baseAddress!)
                    for block in 0..<blocks {
                        let lineBreaks = masks[4 * block + 1]
                        // The run ends before a quote, or a carriage return not right before a
                        // line feed: the record holding it is not plain. Only bytes before it count.
                        var stop = masks[4 * block + 2].trailingZeroBitCount
                        var returns = masks[4 * block + 3]
                        while returns != 0, returns.trailingZeroBitCount < stop {
                            let at = position + returns.trailingZeroBitCount
                            if at + 1 >= count || base.load(fromByteOffset: at + 1, as: UInt8.self) != Self.newline {
                                stop = returns.trailingZeroBitCount
                            }
                            returns &= returns &- 1
                        }
                        var structural = masks[4 * block] | lineBreaks
                        if stop < 64 { structural &= (UInt64(1) << stop) &- 1 }
                        while structural != 0 {
                            let bit = structural.trailingZeroBitCount
                            if !cursor.visit(position + bit, isNewline: lineBreaks & (1 << bit) != 0, base) { return cursor.finish() }
                            structural &= structural &- 1
                        }
                        if stop < 64 { return cursor.finish() }
                        position += 64
                    }
                }
                return Self.tail(from: position, count: count, base: base, delimiter: classes[0], quote: classes[2], cursor: &cursor)
            }
        }
        end = next
        return records
    }

    /// The last bytes of the input (less than a block), one at a time.
    private static func tail(from start: Int, count: Int, base: UnsafeRawPointer, delimiter: UInt8, quote: UInt8,
                             cursor: inout Cursor) -> (Int, Int) {
        var position = start
        while position < count {
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            if byte == quote { break }
            if byte == carriageReturn, position + 1 >= count || base.load(fromByteOffset: position + 1, as: UInt8.self) != newline { break }
            if byte == delimiter || byte == newline, !cursor.visit(position, isNewline: byte == newline, base) { break }
            position += 1
        }
        return cursor.finish()
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

    /// 64-byte blocks classified per call: 4 KB of input.
    private static let blocksPerSlice = 64
}
