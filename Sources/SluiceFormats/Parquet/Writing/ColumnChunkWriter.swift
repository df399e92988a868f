import SluiceCompression
import SluiceEngine
import SluiceSpec

/// Buffers one column of the open row group as encoded, compressed pages: dictionary-encoded
/// while the dictionary stays small, plain afterwards.
struct ColumnChunkWriter {
    let field: Field
    let element: ParquetSchemaElement
    /// The leaf's path from the root (the field's name for a flat column).
    private let path: [String]
    /// The highest definition and repetition levels of the leaf (1 and 0 for a flat column).
    private let maxDefinition: Int
    private let maxRepetition: Int
    private let options: ParquetWriteOptions
    private let codec: CompressionCodec
    private var dictionaryEnabled: Bool
    private var numericDictionary = NumericDictionary()
    private var bytesDictionary = ByteInterner()
    private var pages: [UInt8] = []
    private var uncompressedPageBytes: Int64 = 0
    private var encodings: Set<Int32> = []
    private var statistics = ColumnStatisticsBuilder()
    private var slots: Int64 = 0
    /// Non-null values dictionary-encoded so far in this chunk.
    private var presentValues = 0

    init(field: Field, options: ParquetWriteOptions) {
        self.init(leaf: field, element: ParquetPhysicalLayout.element(for: field), path: [field.name], maxDefinition: 1, maxRepetition: 0,
                  options: options)
    }

    /// A writer for a leaf of a nested field.
    init(leaf field: Field, element: ParquetSchemaElement, path: [String], maxDefinition: Int, maxRepetition: Int,
         options: ParquetWriteOptions) {
        self.field = field
        self.options = options
        self.element = element
        self.path = path
        self.maxDefinition = maxDefinition
        self.maxRepetition = maxRepetition
        codec = options.compression.codec.codec!
        dictionaryEnabled = options.dictionary && field.type != .boolean && element.type != .fixedLenByteArray
    }

    /// Bytes buffered for the row group so far.
    var bufferedBytes: Int { pages.count + dictionarySize }

    private var dictionarySize: Int {
        usesBytesDictionary ? bytesDictionary.byteCount + 4 * bytesDictionary.count : numericDictionary.count * numericWidth
    }

    private var usesBytesDictionary: Bool { element.type == .byteArray }

    private var numericWidth: Int { element.type == .int32 || element.type == .float ? 4 : 8 }

    /// Encodes `column` (a flat column) as one data page.
    mutating func append(_ column: Column) throws(SluiceError) {
        guard column.count > 0 else { return }
        statistics.add(column)
        let definition = element.repetition == .optional ? (0..<column.count).map { UInt32(column.isNull($0) ? 0 : 1) } : nil
        try appendPage(ParquetPhysicalLayout.physical(column, element: element), repetition: nil, definition: definition,
                       levelCount: column.count)
    }

    /// Encodes a leaf of a nested field as one data page: its present values (no nulls) and
    /// the repetition and definition level of every slot.
    mutating func append(values: Column, repetition: [UInt32], definition: [UInt32]) throws(SluiceError) {
        guard !definition.isEmpty else { return }
        statistics.add(values)
        statistics.addNulls(definition.count - values.count)
        try appendPage(ParquetPhysicalLayout.physical(values, element: element), repetition: maxRepetition > 0 ? repetition : nil,
                       definition: maxDefinition > 0 ? definition : nil, levelCount: definition.count)
    }

    private mutating func appendPage(_ column: Column, repetition: [UInt32]?, definition: [UInt32]?, levelCount: Int) throws(SluiceError) {
        slots += Int64(levelCount)
        var body: [UInt8] = []
        for (levels, maximum) in [(repetition, maxRepetition), (definition, maxDefinition)] {
            guard let levels else { continue }
            var encoder = RLEHybridEncoder(bitWidth: BitUnpacking.bitWidth(of: UInt64(maximum)))
            levels.withUnsafeBufferPointer { encoder.encode($0) }
            PlainEncoder.appendLength(encoder.bytes.count, &body)
            body += encoder.bytes
        }
        let encoding: ParquetEncoding
        if dictionaryEnabled {
            let indices = dictionaryIndices(column)
            let width = max(1, BitUnpacking.bitWidth(of: UInt64(max(dictionaryCount - 1, 0))))
            body.append(UInt8(width))
            var encoder = RLEHybridEncoder(bitWidth: width)
            indices.withUnsafeBufferPointer { encoder.encode($0) }
            body += encoder.bytes
            encoding = .rleDictionary
            // Later pages go plain once the dictionary is too big, or holds most values (a
            // near-unique column gains nothing from it); this page's indices stay valid.
            presentValues += indices.count
            if dictionarySize > options.dictionaryPageBytes || (presentValues >= 10_000 && dictionaryCount * 4 > presentValues * 3) {
                dictionaryEnabled = false
            }
        } else {
            PlainEncoder.encode(column, fixedLength: element.type == .fixedLenByteArray, into: &body)
            encoding = .plain
        }
        var header = ParquetPageHeader()
        header.type = .dataPage
        header.dataPage = .init(numValues: Int32(levelCount), encoding: encoding)
        try appendPage(header: header, body: body)
        encodings.insert(encoding.rawValue)
    }

    private var dictionaryCount: Int { usesBytesDictionary ? bytesDictionary.count : numericDictionary.count }

    private mutating func dictionaryIndices(_ column: Column) -> [UInt32] {
        let valid = column.validity
        var indices: [UInt32] = []
        indices.reserveCapacity(column.count)
        switch column.storage {
        case .int32(let values):
            for index in values.indices where valid?[index] != false {
                indices.append(numericDictionary.index(of: UInt64(UInt32(bitPattern: values[index]))))
            }
        case .int64(let values):
            for index in values.indices where valid?[index] != false {
                indices.append(numericDictionary.index(of: UInt64(bitPattern: values[index])))
            }
        case .float64(let values) where column.dataType == .float32:
            for index in values.indices where valid?[index] != false {
                indices.append(numericDictionary.index(of: UInt64(Float(values[index]).bitPattern)))
            }
        case .float64(let values):
            for index in values.indices where valid?[index] != false {
                indices.append(numericDictionary.index(of: values[index].bitPattern))
            }
        case .string(let values):
            values.bytes.withUnsafeBytes { bytes in
                for index in 0..<values.count where valid?[index] != false {
                    let range = values.offsets[index]..<values.offsets[index + 1]
                    indices.append(UInt32(bytesDictionary.code(of: UnsafeRawBufferPointer(rebasing: bytes[range]))))
                }
            }
        case .boolean: preconditionFailure("booleans are never dictionary-encoded")
        case .decimal: preconditionFailure("decimals are dictionary-encoded as their physical integers")
        case .list, .structure: preconditionFailure("nested columns are written leaf by leaf")
        }
        return indices
    }

    /// Compresses `body` and appends it with its header.
    private mutating func appendPage(header: ParquetPageHeader, body: [UInt8]) throws(SluiceError) {
        let compressed = try codec.compress(body)
        var header = header
        header.uncompressedPageSize = Int32(body.count)
        header.compressedPageSize = Int32(compressed.count)
        let headerBytes = ThriftCompactWriter.encode { header.write(to: &$0) }
        pages += headerBytes
        pages += compressed
        uncompressedPageBytes += Int64(headerBytes.count + body.count)
    }

    /// The column chunk's bytes (dictionary page first) for a chunk starting at `offset`,
    /// with its metadata; the writer is then empty, ready for the next row group.
    mutating func finish(at offset: Int64) throws(SluiceError) -> (bytes: [UInt8], chunk: ParquetColumnChunk) {
        var meta = ParquetColumnMetaData()
        meta.type = element.type!
        meta.pathInSchema = path
        meta.codec = options.compression.codec
        meta.numValues = slots
        meta.statistics = statistics.statistics(for: field.type)
        var output: [UInt8] = []
        if encodings.contains(ParquetEncoding.rleDictionary.rawValue) {
            var plain: [UInt8] = []
            if usesBytesDictionary {
                for code in 0..<bytesDictionary.count {
                    let value = bytesDictionary.bytes(of: code)
                    PlainEncoder.appendLength(value.count, &plain)
                    plain += value
                }
            } else {
                numericDictionary.encode(width: numericWidth, into: &plain)
            }
            var header = ParquetPageHeader()
            header.type = .dictionaryPage
            header.dictionaryPage = .init(numValues: Int32(dictionaryCount), encoding: .plain)
            let pagesSoFar = pages
            pages = []
            try appendPage(header: header, body: plain)
            meta.dictionaryPageOffset = offset
            meta.dataPageOffset = offset + Int64(pages.count)
            output = pages + pagesSoFar
            encodings.insert(ParquetEncoding.plain.rawValue)
        } else {
            meta.dataPageOffset = offset
            output = pages
        }
        encodings.insert(ParquetEncoding.rle.rawValue)
        meta.encodings = encodings.sorted().compactMap(ParquetEncoding.init(rawValue:))
        meta.totalCompressedSize = Int64(output.count)
        meta.totalUncompressedSize = uncompressedPageBytes
        self = ColumnChunkWriter(leaf: field, element: element, path: path, maxDefinition: maxDefinition,
                                 maxRepetition: maxRepetition, options: options)
        return (output, ParquetColumnChunk(metaData: meta, fileOffset: offset))
    }
}
