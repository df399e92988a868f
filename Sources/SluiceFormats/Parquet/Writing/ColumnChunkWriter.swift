import SluiceCompression
import SluiceEngine
import SluiceSpec

/// Buffers one column of the open row group as encoded, compressed pages: dictionary-encoded
/// while the dictionary stays small, plain afterwards.
struct ColumnChunkWriter {
    let field: Field
    let element: ParquetSchemaElement
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
        self.field = field
        self.options = options
        element = ParquetPhysicalLayout.element(for: field)
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

    /// Encodes `column` as one data page.
    mutating func append(_ column: Column) throws(SluiceError) {
        guard column.count > 0 else { return }
        statistics.add(column)
        let column = ParquetPhysicalLayout.physical(column, element: element)
        slots += Int64(column.count)
        var body: [UInt8] = []
        if element.repetition == .optional {
            var levels = RLEHybridEncoder(bitWidth: 1)
            let bits = (0..<column.count).map { UInt32(column.isNull($0) ? 0 : 1) }
            bits.withUnsafeBufferPointer { levels.encode($0) }
            PlainEncoder.appendLength(levels.bytes.count, &body)
            body += levels.bytes
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
        header.dataPage = .init(numValues: Int32(column.count), encoding: encoding)
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
        meta.pathInSchema = [field.name]
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
        self = ColumnChunkWriter(field: field, options: options)
        return (output, ParquetColumnChunk(metaData: meta, fileOffset: offset))
    }
}
