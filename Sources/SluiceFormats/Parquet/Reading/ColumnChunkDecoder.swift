import SluiceCompression
import SluiceEngine
import SluiceSpec

/// The decoded content of a nested leaf's column chunk: present values and all levels.
struct NestedLeafData {
    var values: LeafValues
    var definition: [Int32] = []
    var repetition: [Int32] = []
}

/// Decodes one column chunk (all its pages): a flat column into a dense buffer plus validity,
/// a nested one into values and levels.
struct ColumnChunkDecoder {
    let file: String
    let leaf: ParquetLeaf
    let meta: ParquetColumnMetaData
    let rowCount: Int

    private var physical: ParquetPhysicalType { leaf.element.type! }
    private var typeLength: Int { Int(leaf.element.typeLength ?? 0) }
    private var columnName: String { leaf.path.joined(separator: ".") }

    /// The chunk's data pages, decoded but not yet spread over rows (`FlatChunkPages.values`
    /// builds row ranges of them).
    func decodePages(_ bytes: UnsafeRawBufferPointer) throws(SluiceError) -> FlatChunkPages {
        var pages = FlatChunkPages(physical: physical)
        guard rowCount > 0 else { return pages }
        try forEachPage(bytes, entries: rowCount, keepsLevels: false) { (page, dictionary, dictionaryNumber) throws(SluiceError) in
            pages.append(page, dictionary: dictionary, dictionaryNumber: dictionaryNumber)
        }
        return pages
    }

    /// The present values and every level entry of a nested (or repeated) leaf, for record assembly.
    func decodeNested(_ bytes: UnsafeRawBufferPointer) throws(SluiceError) -> NestedLeafData {
        var data = NestedLeafData(values: LeafValues.empty(physical))
        guard meta.numValues > 0 else { return data }
        try forEachPage(bytes, entries: Int(meta.numValues), keepsLevels: true) { (page, _, _) throws(SluiceError) in
            data.values.append(page.values)
            data.definition += page.definition ?? [Int32](repeating: Int32(leaf.maxDefinitionLevel), count: page.slots)
            data.repetition += page.repetition ?? [Int32](repeating: 0, count: page.slots)
        }
        guard data.repetition.reduce(0, { $0 + ($1 == 0 ? 1 : 0) }) == rowCount else {
            throw chunkError("its levels describe a different number of rows than the row group's \(rowCount)")
        }
        return data
    }

    /// Walks the chunk's pages until `entries` level entries (rows, for flat columns) are read,
    /// decoding dictionary pages on the way; `body` gets each data page with the latest
    /// dictionary and how many dictionary pages came so far. Flat columns (no levels kept)
    /// get dictionary-encoded pages as codes only.
    private func forEachPage(
        _ bytes: UnsafeRawBufferPointer, entries: Int, keepsLevels: Bool,
        _ body: (PageDecoder.Page, LeafValues?, Int) throws(SluiceError) -> Void
    ) throws(SluiceError) {
        guard let codec = meta.codec.codec else {
            throw SluiceError(.unsupported, "'\(file)' column '\(columnName)' is compressed with \(meta.codec.name), which Sluice does not read",
                              hint: "rewrite the file with snappy, gzip, zstd or lz4 compression")
        }
        let start = [meta.dictionaryPageOffset, meta.dataPageOffset].compactMap { $0 }.filter { $0 > 0 }.min() ?? meta.dataPageOffset
        guard start >= 4, start <= Int64(bytes.count), meta.totalCompressedSize >= 0,
              meta.totalCompressedSize <= Int64(bytes.count) - start else {
            throw chunkError("its pages (\(meta.totalCompressedSize) bytes from byte \(start)) lie outside the file of \(bytes.count) bytes")
        }
        var position = Int(start)
        let end = Int(start + meta.totalCompressedSize)
        var dictionary: LeafValues?
        var dictionaryNumber = 0
        var read = 0
        while read < entries {
            guard position < end else { throw chunkError("its pages hold \(read) of the \(entries) values the metadata promises") }
            var reader = ThriftCompactReader(UnsafeRawBufferPointer(rebasing: bytes[..<end]), position: position)
            let header: ParquetPageHeader
            do { header = try ParquetPageHeader(from: &reader) } catch {
                throw chunkError("a page header at byte \(position) is corrupt: \(error.message)")
            }
            let bodyStart = reader.position
            let bodyEnd = bodyStart + Int(header.compressedPageSize)
            guard bodyEnd <= end else { throw chunkError("the page at byte \(position) runs past the column chunk") }
            let pageBody = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<bodyEnd])
            let context = "'\(file)' column '\(columnName)', page at byte \(position)"
            switch header.type {
            case .dictionaryPage:
                let page = header.dictionaryPage ?? .init()
                guard page.numValues >= 0 else { throw chunkError("a dictionary page of \(page.numValues) values") }
                let plain = try decompress(pageBody, codec: codec, size: Int(header.uncompressedPageSize), context: context)
                dictionary = try plain.withUnsafeBytes { raw in
                    Result { () throws(SluiceError) -> LeafValues in
                        var cursor = ByteCursor(raw, context: context)
                        return try PlainDecoder.decode(&cursor, count: Int(page.numValues), physical: physical, typeLength: typeLength)
                    }
                }.get()
                dictionaryNumber += 1
            case .dataPage, .dataPageV2:
                var decoder = PageDecoder(header: header, body: pageBody, codec: codec, leaf: leaf, context: context,
                                          dictionary: dictionary, maxSlots: entries - read)
                decoder.keepsLevels = keepsLevels
                decoder.defersDictionaryLookup = !keepsLevels
                let page = try decoder.decode()
                try body(page, dictionary, dictionaryNumber)
                read += page.slots
            case .indexPage:
                break
            }
            position = bodyEnd
        }
    }

    private func decompress(_ body: UnsafeRawBufferPointer, codec: CompressionCodec, size: Int, context: String) throws(SluiceError) -> [UInt8] {
        do {
            return try codec.decompress(body, uncompressedSize: size)
        } catch {
            throw PageDecoder.corruptData(error, in: context)
        }
    }

    private func chunkError(_ detail: String) -> SluiceError {
        SluiceError(.malformedData, "'\(file)' column '\(columnName)' is corrupt: \(detail)",
                    hint: "the file may be truncated or damaged; re-create it from its source")
    }
}
