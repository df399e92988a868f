import SluiceEngine

/// The data pages of one flat column chunk, decoded but kept as the pages hold them: only
/// the present values, and dictionary-encoded values as codes. Row ranges are then built
/// straight into batch-sized buffers, so each value is copied once on its way out, and a
/// byte-array column read through one dictionary comes out as codes plus that dictionary.
struct FlatChunkPages {
    /// One decoded data page and where it sits in the chunk.
    private struct Piece {
        /// The chunk row of the page's first slot.
        let firstRow: Int
        let page: PageDecoder.Page
        /// The dictionary the page's codes index (nil for a page that holds its values).
        let dictionary: LeafValues?
    }

    /// The part of one page that falls in a requested row range.
    private struct Segment {
        let piece: Piece
        /// The page slots in the range.
        let slots: Range<Int>
        /// The index, among the page's present values, of the first one in the range.
        let firstValue: Int
    }

    let physical: ParquetPhysicalType
    private var pieces: [Piece] = []
    /// The rows of all pages so far.
    private(set) var rowCount = 0
    /// The dictionary of byte arrays every page so far is encoded with, if there is one.
    private var sharedDictionary: (values: StringStorage, number: Int)?
    private var allPagesShareDictionary = true

    init(physical: ParquetPhysicalType) {
        self.physical = physical
    }

    /// Adds the next data page; `dictionaryNumber` tells dictionary pages apart (a chunk may
    /// in principle hold more than one), `dictionary` is the latest one.
    mutating func append(_ page: PageDecoder.Page, dictionary: LeafValues?, dictionaryNumber: Int) {
        let coded = page.codes != nil
        pieces.append(Piece(firstRow: rowCount, page: page, dictionary: coded ? dictionary : nil))
        rowCount += page.slots
        guard allPagesShareDictionary else { return }
        if coded, case .bytes(let values)? = dictionary, sharedDictionary == nil || sharedDictionary!.number == dictionaryNumber {
            sharedDictionary = (values, dictionaryNumber)
        } else {
            allPagesShareDictionary = false
            sharedDictionary = nil
        }
    }

    /// A row range of the chunk, with its validity (nil when none of the chunk's rows is null).
    enum Rows {
        /// The values, a placeholder at each null.
        case values(LeafValues, validity: Bitmap?)
        /// Byte arrays read through one dictionary: each row's code into it (0 at nulls).
        case coded(ColumnDictionary, validity: Bitmap?)
    }

    /// Rows `rows` of the chunk.
    func rows(_ rows: Range<Int>) -> Rows {
        let segments = self.segments(rows)
        let validity = self.validity(rows.count, segments)
        if let shared = sharedDictionary {
            return .coded(ColumnDictionary(codes: codes(rows.count, segments), values: shared.values), validity: validity)
        }
        let count = rows.count
        let values: LeafValues
        switch physical {
        case .boolean: values = .boolean(gathered(count, segments, placeholder: false) { if case .boolean(let v) = $0 { v } else { nil } })
        case .int32: values = .int32(gathered(count, segments, placeholder: 0) { if case .int32(let v) = $0 { v } else { nil } })
        case .int64, .int96: values = .int64(gathered(count, segments, placeholder: 0) { if case .int64(let v) = $0 { v } else { nil } })
        case .float: values = .float(gathered(count, segments, placeholder: 0) { if case .float(let v) = $0 { v } else { nil } })
        case .double: values = .double(gathered(count, segments, placeholder: 0) { if case .double(let v) = $0 { v } else { nil } })
        case .byteArray, .fixedLenByteArray: values = .bytes(gatheredBytes(count, segments))
        }
        return .values(values, validity: validity)
    }

    /// The pages' parts that cover `rows`, in order.
    private func segments(_ rows: Range<Int>) -> [Segment] {
        var segments: [Segment] = []
        for piece in pieces where piece.firstRow < rows.upperBound && piece.firstRow + piece.page.slots > rows.lowerBound {
            let slots = max(rows.lowerBound - piece.firstRow, 0)..<min(rows.upperBound - piece.firstRow, piece.page.slots)
            var firstValue = slots.lowerBound
            if let present = piece.page.present {
                firstValue = present[..<slots.lowerBound].reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            segments.append(Segment(piece: piece, slots: slots, firstValue: firstValue))
        }
        return segments
    }

    /// The validity of `count` rows made of `segments`: nil when no page of the chunk has a null.
    private func validity(_ count: Int, _ segments: [Segment]) -> Bitmap? {
        guard pieces.contains(where: { $0.page.present != nil }) else { return nil }
        var validity = Bitmap(count: count, value: true)
        var row = 0
        for segment in segments {
            if let present = segment.piece.page.present {
                for slot in segment.slots where !present[slot] { validity[row + slot - segment.slots.lowerBound] = false }
            }
            row += segment.slots.count
        }
        return validity
    }

    /// The dictionary codes of `count` rows made of `segments` of dictionary-encoded pages (0 at nulls).
    private func codes(_ count: Int, _ segments: [Segment]) -> [Int32] {
        if let whole = Self.wholePage(segments), let codes = whole.codes, codes.count == count { return codes }
        return [Int32](unsafeUninitializedCapacity: count) { output, initialized in
            var row = 0
            for segment in segments {
                let codes = segment.piece.page.codes ?? []
                if segment.piece.page.present == nil, !codes.isEmpty {
                    // No nulls: the page's codes for these rows are one contiguous run.
                    codes.withUnsafeBufferPointer { codes in
                        (output.baseAddress! + row).initialize(from: codes.baseAddress! + segment.firstValue, count: segment.slots.count)
                    }
                } else {
                    Self.spread(into: output, at: row, segment, 0) { codes[$0] }
                }
                row += segment.slots.count
            }
            initialized = count
        }
    }

    /// `count` fixed-width values made of `segments`: each page's own values (`ownValues`
    /// extracts them from a page's or a dictionary's values), or its dictionary's at its codes.
    private func gathered<T>(_ count: Int, _ segments: [Segment], placeholder: T, _ ownValues: (LeafValues) -> [T]?) -> [T] {
        if let whole = Self.wholePage(segments), whole.codes == nil, let values = ownValues(whole.values), values.count == count {
            return values
        }
        return [T](unsafeUninitializedCapacity: count) { output, initialized in
            var row = 0
            for segment in segments {
                let page = segment.piece.page
                if let codes = page.codes, let dictionary = segment.piece.dictionary.flatMap(ownValues) {
                    Self.spread(into: output, at: row, segment, placeholder) { dictionary[Int(codes[$0])] }
                } else if let values = ownValues(page.values) {
                    if page.present == nil {
                        values.withUnsafeBufferPointer { values in
                            (output.baseAddress! + row).initialize(from: values.baseAddress! + segment.firstValue, count: segment.slots.count)
                        }
                    } else {
                        Self.spread(into: output, at: row, segment, placeholder) { values[$0] }
                    }
                } else {
                    Self.spread(into: output, at: row, segment, placeholder) { _ in placeholder }
                }
                row += segment.slots.count
            }
            initialized = count
        }
    }

    /// The page when `segments` are all of one page without nulls: its buffers are then the rows as they are.
    private static func wholePage(_ segments: [Segment]) -> PageDecoder.Page? {
        guard segments.count == 1, let segment = segments.first, segment.piece.page.present == nil,
              segment.slots == 0..<segment.piece.page.slots else { return nil }
        return segment.piece.page
    }

    /// Writes one segment's rows from `row` on: the next value at each present slot, else `placeholder`.
    @inline(__always)
    private static func spread<T>(into output: UnsafeMutableBufferPointer<T>, at row: Int, _ segment: Segment, _ placeholder: T,
                                  _ value: (Int) -> T) {
        var next = segment.firstValue
        if let present = segment.piece.page.present {
            for (offset, slot) in segment.slots.enumerated() {
                if present[slot] {
                    (output.baseAddress! + row + offset).initialize(to: value(next))
                    next += 1
                } else {
                    (output.baseAddress! + row + offset).initialize(to: placeholder)
                }
            }
        } else {
            for offset in 0..<segment.slots.count { (output.baseAddress! + row + offset).initialize(to: value(next + offset)) }
        }
    }

    /// `count` byte arrays made of `segments` (an empty value at each null).
    private func gatheredBytes(_ count: Int, _ segments: [Segment]) -> StringStorage {
        var output = StringStorage(capacity: count)
        for segment in segments {
            let page = segment.piece.page
            let source: StringStorage
            var indices: [Int32]?
            if let codes = page.codes, case .bytes(let dictionary)? = segment.piece.dictionary {
                source = dictionary
                indices = codes
            } else if case .bytes(let values) = page.values {
                source = values
            } else {
                preconditionFailure("byte-array pages without byte-array values")
            }
            let present = page.present
            if present == nil, indices == nil {
                output.append(contentsOf: source, values: segment.firstValue..<(segment.firstValue + segment.slots.count))
                continue
            }
            var next = segment.firstValue
            source.bytes.withUnsafeBytes { pool in
                for slot in segment.slots {
                    guard present?[slot] ?? true else { output.appendEmpty(); continue }
                    let index = indices.map { Int($0[next]) } ?? next
                    output.append(bytes: UnsafeRawBufferPointer(rebasing: pool[source.offsets[index]..<source.offsets[index + 1]]))
                    next += 1
                }
            }
        }
        return output
    }
}
