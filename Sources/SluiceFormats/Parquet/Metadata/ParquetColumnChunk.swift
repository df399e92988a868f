import SluiceSpec

/// One column's metadata within a row group.
struct ParquetColumnMetaData: Sendable {
    var type: ParquetPhysicalType = .int32
    var encodings: [ParquetEncoding] = []
    var pathInSchema: [String] = []
    var codec: ParquetCodec = .uncompressed
    var numValues: Int64 = 0
    var totalUncompressedSize: Int64 = 0
    var totalCompressedSize: Int64 = 0
    var dataPageOffset: Int64 = 0
    var indexPageOffset: Int64?
    var dictionaryPageOffset: Int64?
    var statistics: ParquetStatistics?

    init() {}

    init(from reader: inout ThriftCompactReader) throws(SluiceError) {
        var meta = ParquetColumnMetaData()
        var sawCodec = false
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1:
                let raw = try reader.readI32()
                guard let type = ParquetPhysicalType(rawValue: raw) else { throw reader.corrupt("unknown physical type \(raw)") }
                meta.type = type
            case 2: meta.encodings = try reader.readList { (reader) throws(SluiceError) in ParquetEncoding(rawValue: try reader.readI32()) }.compactMap { $0 }
            case 3: meta.pathInSchema = try reader.readList { (reader) throws(SluiceError) in try reader.readString() }
            case 4:
                let raw = try reader.readI32()
                guard let codec = ParquetCodec(rawValue: raw) else { throw reader.corrupt("unknown compression codec \(raw)") }
                meta.codec = codec
                sawCodec = true
            case 5: meta.numValues = try reader.readI64()
            case 6: meta.totalUncompressedSize = try reader.readI64()
            case 7: meta.totalCompressedSize = try reader.readI64()
            case 9: meta.dataPageOffset = try reader.readI64()
            case 10: meta.indexPageOffset = try reader.readI64()
            case 11: meta.dictionaryPageOffset = try reader.readI64()
            case 12: meta.statistics = try ParquetStatistics(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        guard sawCodec, !meta.pathInSchema.isEmpty else { throw reader.corrupt("column metadata lacks its codec or path") }
        self = meta
    }

    func write(to writer: inout ThriftCompactWriter) {
        writer.i32(1, type.rawValue)
        writer.listHeader(2, .i32, count: encodings.count)
        for encoding in encodings { writer.writeZigZag(Int64(encoding.rawValue)) }
        writer.listHeader(3, .binary, count: pathInSchema.count)
        for name in pathInSchema { writer.writeRawBinary(Array(name.utf8)) }
        writer.i32(4, codec.rawValue)
        writer.i64(5, numValues)
        writer.i64(6, totalUncompressedSize)
        writer.i64(7, totalCompressedSize)
        writer.i64(9, dataPageOffset)
        if let dictionaryPageOffset { writer.i64(11, dictionaryPageOffset) }
        if let statistics { writer.structField(12) { statistics.write(to: &$0) } }
    }
}

/// A column chunk: where its pages are and its metadata.
struct ParquetColumnChunk: Sendable {
    var filePath: String?
    var fileOffset: Int64 = 0
    var metaData: ParquetColumnMetaData?

    init(metaData: ParquetColumnMetaData, fileOffset: Int64) {
        self.metaData = metaData
        self.fileOffset = fileOffset
    }

    init(from reader: inout ThriftCompactReader) throws(SluiceError) {
        var filePath: String?
        var fileOffset: Int64 = 0
        var metaData: ParquetColumnMetaData?
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1: filePath = try reader.readString()
            case 2: fileOffset = try reader.readI64()
            case 3: metaData = try ParquetColumnMetaData(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metaData = metaData
    }

    func write(to writer: inout ThriftCompactWriter) {
        writer.i64(2, fileOffset)
        if let metaData { writer.structField(3) { metaData.write(to: &$0) } }
    }
}
