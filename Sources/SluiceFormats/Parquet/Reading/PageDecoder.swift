import Foundation
import SluiceCompression
import SluiceEngine
import SluiceSpec

/// Decodes one data page (version 1 or 2): its repetition and definition levels and its values.
struct PageDecoder {
    /// A decoded page: `slots` level entries (rows, for a flat column), which of them hold a
    /// value (nil when all do), the values in order, and for nested columns the levels.
    struct Page {
        var slots: Int
        var present: [Bool]?
        var values: LeafValues
        /// The definition levels, kept for nested columns only.
        var definition: [Int32]?
        /// The repetition levels, for repeated columns only.
        var repetition: [Int32]?
        /// For a dictionary-encoded page: each present value's index into the dictionary.
        var codes: [Int32]?
    }

    let header: ParquetPageHeader
    let body: UnsafeRawBufferPointer
    let codec: CompressionCodec
    let leaf: ParquetLeaf
    let context: String
    let dictionary: LeafValues?
    /// The entries the column chunk still owes: a page claiming more is corrupt.
    let maxSlots: Int
    /// Whether to hand out the levels (nested columns need them to rebuild records).
    var keepsLevels = false
    /// Whether dictionary-encoded pages hand out only their codes (and no values), for a
    /// reader that looks them up itself.
    var defersDictionaryLookup = false

    private var physical: ParquetPhysicalType { leaf.element.type! }

    func decode() throws(SluiceError) -> Page {
        if header.type == .dataPageV2 {
            let page = header.dataPageV2 ?? .init()
            let slots = try checkedSlots(page.numValues)
            var cursor = ByteCursor(body, context: context)
            let repetitionBytes = try cursor.take(Int(page.repetitionLevelsByteLength), "repetition levels")
            let definitionBytes = try cursor.take(Int(page.definitionLevelsByteLength), "definition levels")
            let levels = try Levels(repetition: leaf.maxRepetitionLevel == 0 ? nil
                                        : decodeLevels(ByteCursor(repetitionBytes, context: context), maximum: leaf.maxRepetitionLevel, slots: slots),
                                    definition: leaf.maxDefinitionLevel == 0 ? nil
                                        : decodeLevels(ByteCursor(definitionBytes, context: context), maximum: leaf.maxDefinitionLevel, slots: slots))
            let rest = cursor.takeRest()
            let valueSize = Int(header.uncompressedPageSize) - Int(page.repetitionLevelsByteLength) - Int(page.definitionLevelsByteLength)
            let compressed = page.isCompressed && codec != .none
            let plain = compressed ? try decompress(rest, size: valueSize) : Array(rest)
            return try plain.withUnsafeBytes { raw in
                Result { () throws(SluiceError) -> Page in
                    var values = ByteCursor(raw, context: context)
                    let present = levels.present(slots, maximum: leaf.maxDefinitionLevel)
                    return try makePage(slots, levels, present: present.slots,
                                        decoded: decodeValues(&values, encoding: page.encoding, count: present.count))
                }
            }.get()
        }
        let page = header.dataPage ?? .init()
        let slots = try checkedSlots(page.numValues)
        // Only where the compressed block itself confirms the page's size (Snappy, Zstandard),
        // so that a corrupt header cannot make it allocate more than the block can hold.
        if page.encoding == .plain, leaf.maxRepetitionLevel == 0, codec.declaredLength(body) == Int(header.uncompressedPageSize) {
            switch physical {
            case .int32: return try decodeFixedWidthInPlace(slots, page, Int32.self, LeafValues.int32)
            case .int64: return try decodeFixedWidthInPlace(slots, page, Int64.self, LeafValues.int64)
            case .float: return try decodeFixedWidthInPlace(slots, page, Float.self, LeafValues.float)
            case .double: return try decodeFixedWidthInPlace(slots, page, Double.self, LeafValues.double)
            default: break
            }
        }
        let plain = codec == .none ? Array(body) : try decompress(body, size: Int(header.uncompressedPageSize))
        return try plain.withUnsafeBytes { raw in
            Result { () throws(SluiceError) -> Page in
                var cursor = ByteCursor(raw, context: context)
                var levels = Levels()
                if leaf.maxRepetitionLevel > 0 {
                    levels.repetition = try decodeLevels(try v1Levels(&cursor, page.repetitionLevelEncoding), maximum: leaf.maxRepetitionLevel, slots: slots)
                }
                if leaf.maxDefinitionLevel > 0 {
                    levels.definition = try decodeLevels(try v1Levels(&cursor, page.definitionLevelEncoding), maximum: leaf.maxDefinitionLevel, slots: slots)
                }
                let present = levels.present(slots, maximum: leaf.maxDefinitionLevel)
                return try makePage(slots, levels, present: present.slots,
                                    decoded: decodeValues(&cursor, encoding: page.encoding, count: present.count))
            }
        }.get()
    }

    /// A version 1 page of a flat column's PLAIN fixed-width values, decompressed straight into
    /// the array the values end in: the definition levels in front are read there, then the
    /// values moved to its start. The page costs one buffer, not a decompressed one and a copy.
    private func decodeFixedWidthInPlace<T: BitwiseCopyable>(
        _ slots: Int, _ page: ParquetPageHeader.DataPage, _ type: T.Type, _ wrap: ([T]) -> LeafValues
    ) throws(SluiceError) -> Page {
        let size = Int(header.uncompressedPageSize)
        let width = MemoryLayout<T>.stride
        var levels = Levels()
        var present: (count: Int, slots: [Bool]?) = (0, nil)
        var failure: SluiceError?
        let values = [T](unsafeUninitializedCapacity: (size + width - 1) / width) { buffer, initialized in
            initialized = 0
            do throws(SluiceError) {
                let decompressed = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[..<size])
                try decompress(body, into: decompressed)
                var cursor = ByteCursor(UnsafeRawBufferPointer(decompressed), context: context)
                if leaf.maxDefinitionLevel > 0 {
                    levels.definition = try decodeLevels(try v1Levels(&cursor, page.definitionLevelEncoding),
                                                         maximum: leaf.maxDefinitionLevel, slots: slots)
                }
                present = levels.present(slots, maximum: leaf.maxDefinitionLevel)
                let bytes = try cursor.take(present.count * width, "\(present.count) values")
                if let source = bytes.baseAddress, let target = decompressed.baseAddress {
                    memmove(target, source, bytes.count)  // the regions overlap
                }
                initialized = present.count
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return makePage(slots, levels, present: present.slots, decoded: (wrap(values), nil))
    }

    /// The levels of one page.
    private struct Levels {
        var repetition: [Int32]?
        var definition: [Int32]?

        /// How many of the `slots` entries hold a value, and which (nil when all do).
        func present(_ slots: Int, maximum: Int) -> (count: Int, slots: [Bool]?) {
            guard let definition else { return (slots, nil) }
            let full = Int32(maximum)
            let count = definition.withUnsafeBufferPointer { levels in
                var count = 0
                for level in levels where level == full { count += 1 }
                return count
            }
            return (count, count == definition.count ? nil : definition.map { $0 == full })
        }
    }

    private func makePage(_ slots: Int, _ levels: Levels, present: [Bool]?, decoded: (values: LeafValues, codes: [Int32]?)) -> Page {
        Page(slots: slots, present: present, values: decoded.values,
                    definition: keepsLevels ? levels.definition : nil, repetition: keepsLevels ? levels.repetition : nil,
                    codes: decoded.codes)
    }

    /// The RLE-encoded levels of a version 1 page: a 4-byte length, then the runs.
    private func v1Levels(_ cursor: inout ByteCursor, _ encoding: ParquetEncoding) throws(SluiceError) -> ByteCursor {
        guard encoding == .rle else {
            throw SluiceError(.unsupported, "\(context) stores levels as \(encoding), which Sluice does not read")
        }
        let length = Int(try cursor.readUInt32())
        return ByteCursor(try cursor.take(length, "levels"), context: context)
    }

    /// `slots` levels of at most `maximum`; nil for the definition levels of a flat column
    /// whose levels say in one run that every slot holds a value.
    private func decodeLevels(_ cursor: ByteCursor, maximum: Int, slots: Int) throws(SluiceError) -> [Int32]? {
        var decoder = RLEHybridDecoder(cursor, bitWidth: BitUnpacking.bitWidth(of: UInt64(maximum)))
        if !keepsLevels, leaf.maxRepetitionLevel == 0, decoder.startsWithRun(of: Int32(maximum), covering: slots) { return nil }
        let levels = try decoder.decode(count: slots)
        if levels.contains(where: { $0 < 0 || $0 > Int32(maximum) }) {
            throw SluiceError(.malformedData, "corrupt Parquet data in \(context): a level above the column's maximum of \(maximum)")
        }
        return levels
    }

    private func checkedSlots(_ numValues: Int32) throws(SluiceError) -> Int {
        guard numValues >= 0, Int(numValues) <= maxSlots else {
            throw SluiceError(.malformedData, "corrupt Parquet data in \(context): a page of \(numValues) values where at most \(maxSlots) rows remain",
                              hint: "the file may be truncated or damaged; re-create it from its source")
        }
        return Int(numValues)
    }

    /// The page's values, and with a dictionary encoding the codes they were gathered by.
    private func decodeValues(_ cursor: inout ByteCursor, encoding: ParquetEncoding, count: Int) throws(SluiceError) -> (values: LeafValues, codes: [Int32]?) {
        switch encoding {
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw cursor.corrupt("a dictionary-encoded page comes before any dictionary page") }
            let width = Int(try cursor.readByte())
            var decoder = RLEHybridDecoder(ByteCursor(cursor.takeRest(), context: context), bitWidth: width)
            let indices = try decoder.decode(count: count)
            let size = dictionary.count
            // Indices of `width` bits all fit a dictionary of 2^width values or more; otherwise one
            // branch-free pass (negative indices wrap to large ones), then the first bad index for the message.
            if width >= 31 || size < 1 << width {
                let largest = indices.withUnsafeBufferPointer { $0.reduce(UInt32(0)) { Swift.max($0, UInt32(bitPattern: $1)) } }
                if Int(largest) >= size, let bad = indices.first(where: { $0 < 0 || Int($0) >= size }) {
                    throw cursor.corrupt("dictionary index \(bad) is outside the dictionary of \(size) values")
                }
            }
            return (defersDictionaryLookup ? LeafValues.empty(physical) : dictionary.gather(indices), indices)
        default:
            return (try decodeOtherValues(&cursor, encoding: encoding, count: count), nil)
        }
    }

    private func decodeOtherValues(_ cursor: inout ByteCursor, encoding: ParquetEncoding, count: Int) throws(SluiceError) -> LeafValues {
        let typeLength = Int(leaf.element.typeLength ?? 0)
        switch (encoding, physical) {
        case (.plain, _):
            return try PlainDecoder.decode(&cursor, count: count, physical: physical, typeLength: typeLength)
        case (.deltaBinaryPacked, .int32):
            return .int32(try DeltaDecoders.integers(&cursor, count: count).map { Int32(truncatingIfNeeded: $0) })
        case (.deltaBinaryPacked, .int64):
            return .int64(try DeltaDecoders.integers(&cursor, count: count))
        case (.deltaLengthByteArray, .byteArray):
            return .bytes(try DeltaDecoders.lengthByteArrays(&cursor, count: count))
        case (.deltaByteArray, .byteArray), (.deltaByteArray, .fixedLenByteArray):
            return .bytes(try DeltaDecoders.byteArrays(&cursor, count: count))
        case (.byteStreamSplit, .float), (.byteStreamSplit, .double), (.byteStreamSplit, .int32),
             (.byteStreamSplit, .int64), (.byteStreamSplit, .fixedLenByteArray):
            let width = physical == .fixedLenByteArray ? typeLength : (physical == .float || physical == .int32 ? 4 : 8)
            let joined = try DeltaDecoders.byteStreamSplit(&cursor, count: count, width: width)
            return try joined.withUnsafeBytes { raw in
                Result { () throws(SluiceError) -> LeafValues in
                    var plain = ByteCursor(raw, context: context)
                    return try PlainDecoder.decode(&plain, count: count, physical: physical, typeLength: typeLength)
                }
            }.get()
        case (.rle, .boolean):
            let length = Int(try cursor.readUInt32())
            var decoder = RLEHybridDecoder(ByteCursor(try cursor.take(length, "boolean runs"), context: context), bitWidth: 1)
            return .boolean(try decoder.decode(count: count).map { $0 != 0 })
        default:
            throw SluiceError(.unsupported, "\(context) uses the \(encoding) encoding for \(physical) values, which the format does not allow",
                              hint: "the file may have been written by a faulty writer")
        }
    }

    private func decompress(_ bytes: UnsafeRawBufferPointer, size: Int) throws(SluiceError) -> [UInt8] {
        do {
            return try codec.decompress(bytes, uncompressedSize: size)
        } catch {
            throw corruptData(error)
        }
    }

    private func decompress(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(SluiceError) {
        do {
            try codec.decompress(bytes, into: output)
        } catch {
            throw corruptData(error)
        }
    }

    private func corruptData(_ error: SluiceError) -> SluiceError {
        Self.corruptData(error, in: context)
    }

    /// A codec's error about the data at `context` (a page of a column of a file).
    static func corruptData(_ error: SluiceError, in context: String) -> SluiceError {
        SluiceError(.malformedData, "corrupt Parquet data in \(context): \(error.message)", hint: error.hint)
    }
}
