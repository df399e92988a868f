import SluiceCompression
import SluiceEngine
import SluiceSpec

/// Decodes one data page (version 1 or 2) of a flat column: its definition levels and its values.
struct PageDecoder {
    /// A decoded page: `slots` rows, which of them are present (nil when all are), and the
    /// present values in order.
    struct Page {
        var slots: Int
        var present: [Bool]?
        var values: LeafValues
    }

    let header: ParquetPageHeader
    let body: UnsafeRawBufferPointer
    let codec: CompressionCodec
    let leaf: ParquetLeaf
    let context: String
    let dictionary: LeafValues?
    /// The rows the column chunk still owes: a page claiming more is corrupt.
    let maxSlots: Int

    private var physical: ParquetPhysicalType { leaf.element.type! }

    func decode() throws(SluiceError) -> Page {
        let levelWidth = BitUnpacking.bitWidth(of: UInt64(leaf.maxDefinitionLevel))
        if header.type == .dataPageV2 {
            let page = header.dataPageV2 ?? .init()
            let slots = try checkedSlots(page.numValues)
            var cursor = ByteCursor(body, context: context)
            _ = try cursor.take(Int(page.repetitionLevelsByteLength), "repetition levels")
            let levelBytes = try cursor.take(Int(page.definitionLevelsByteLength), "definition levels")
            let present = leaf.maxDefinitionLevel == 0 ? nil
                : try presence(ByteCursor(levelBytes, context: context), width: levelWidth, slots: slots)
            let rest = cursor.takeRest()
            let valueSize = Int(header.uncompressedPageSize) - Int(page.repetitionLevelsByteLength) - Int(page.definitionLevelsByteLength)
            let compressed = page.isCompressed && codec != .none
            let plain = compressed ? try decompress(rest, size: valueSize) : Array(rest)
            return try plain.withUnsafeBytes { raw in
                Result { () throws(SluiceError) -> Page in
                    var values = ByteCursor(raw, context: context)
                    return Page(slots: slots, present: present,
                                values: try decodeValues(&values, encoding: page.encoding, count: presentCount(present, slots)))
                }
            }.get()
        }
        let page = header.dataPage ?? .init()
        let slots = try checkedSlots(page.numValues)
        let plain = codec == .none ? Array(body) : try decompress(body, size: Int(header.uncompressedPageSize))
        return try plain.withUnsafeBytes { raw in
            Result { () throws(SluiceError) -> Page in
                var cursor = ByteCursor(raw, context: context)
                var present: [Bool]?
                if leaf.maxDefinitionLevel > 0 {
                    guard page.definitionLevelEncoding == .rle else {
                        throw SluiceError(.unsupported, "\(context) stores definition levels as BIT_PACKED, which Sluice does not read")
                    }
                    let length = Int(try cursor.readUInt32())
                    present = try presence(ByteCursor(try cursor.take(length, "definition levels"), context: context),
                                           width: levelWidth, slots: slots)
                }
                return Page(slots: slots, present: present,
                            values: try decodeValues(&cursor, encoding: page.encoding, count: presentCount(present, slots)))
            }
        }.get()
    }

    private func checkedSlots(_ numValues: Int32) throws(SluiceError) -> Int {
        guard numValues >= 0, Int(numValues) <= maxSlots else {
            throw SluiceError(.malformedData, "corrupt Parquet data in \(context): a page of \(numValues) values where at most \(maxSlots) rows remain",
                              hint: "the file may be truncated or damaged; re-create it from its source")
        }
        return Int(numValues)
    }

    private func presentCount(_ present: [Bool]?, _ slots: Int) -> Int {
        present.map { $0.reduce(0) { $0 + ($1 ? 1 : 0) } } ?? slots
    }

    /// Which slots hold a value (definition level at its maximum); nil when all do.
    private func presence(_ cursor: ByteCursor, width: Int, slots: Int) throws(SluiceError) -> [Bool]? {
        var decoder = RLEHybridDecoder(cursor, bitWidth: width)
        let levels = try decoder.decode(count: slots)
        let maximum = Int32(leaf.maxDefinitionLevel)
        guard levels.contains(where: { $0 != maximum }) else { return nil }
        return levels.map { $0 == maximum }
    }

    private func decodeValues(_ cursor: inout ByteCursor, encoding: ParquetEncoding, count: Int) throws(SluiceError) -> LeafValues {
        let typeLength = Int(leaf.element.typeLength ?? 0)
        switch (encoding, physical) {
        case (.plain, _):
            return try PlainDecoder.decode(&cursor, count: count, physical: physical, typeLength: typeLength)
        case (.plainDictionary, _), (.rleDictionary, _):
            guard let dictionary else { throw cursor.corrupt("a dictionary-encoded page comes before any dictionary page") }
            let width = Int(try cursor.readByte())
            var decoder = RLEHybridDecoder(ByteCursor(cursor.takeRest(), context: context), bitWidth: width)
            let indices = try decoder.decode(count: count)
            let size = dictionary.count
            if let bad = indices.first(where: { $0 < 0 || Int($0) >= size }) {
                throw cursor.corrupt("dictionary index \(bad) is outside the dictionary of \(size) values")
            }
            return dictionary.gather(indices)
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
            return try codec.decompress(Array(bytes), uncompressedSize: size)
        } catch {
            throw SluiceError(.malformedData, "corrupt Parquet data in \(context): \(error.message)", hint: error.hint)
        }
    }
}
