import SluiceSpec

/// The header before every page of a column chunk.
struct ParquetPageHeader: Sendable {
    var type: ParquetPageType = .dataPage
    var uncompressedPageSize: Int32 = 0
    var compressedPageSize: Int32 = 0
    var crc: Int32?
    var dataPage: DataPage?
    var dictionaryPage: DictionaryPage?
    var dataPageV2: DataPageV2?

    /// A version 1 data page: levels and values compressed together.
    struct DataPage: Sendable {
        var numValues: Int32 = 0
        var encoding: ParquetEncoding = .plain
        var definitionLevelEncoding: ParquetEncoding = .rle
        var repetitionLevelEncoding: ParquetEncoding = .rle
        var statistics: ParquetStatistics?
    }

    /// A dictionary page: the distinct values that data pages index.
    struct DictionaryPage: Sendable {
        var numValues: Int32 = 0
        var encoding: ParquetEncoding = .plain
    }

    /// A version 2 data page: levels stored uncompressed before the (maybe compressed) values.
    struct DataPageV2: Sendable {
        var numValues: Int32 = 0
        var numNulls: Int32 = 0
        var numRows: Int32 = 0
        var encoding: ParquetEncoding = .plain
        var definitionLevelsByteLength: Int32 = 0
        var repetitionLevelsByteLength: Int32 = 0
        var isCompressed = true
    }

    init() {}

    init(from reader: inout ThriftCompactReader) throws(SluiceError) {
        var header = ParquetPageHeader()
        var sawType = false
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1:
                let raw = try reader.readI32()
                guard let type = ParquetPageType(rawValue: raw) else { throw reader.corrupt("unknown page type \(raw)") }
                header.type = type
                sawType = true
            case 2: header.uncompressedPageSize = try reader.readI32()
            case 3: header.compressedPageSize = try reader.readI32()
            case 4: header.crc = try reader.readI32()
            case 5: header.dataPage = try Self.readDataPage(&reader)
            case 7: header.dictionaryPage = try Self.readDictionaryPage(&reader)
            case 8: header.dataPageV2 = try Self.readDataPageV2(&reader)
            default: try reader.skip(field.type)
            }
        }
        guard sawType, header.compressedPageSize >= 0, header.uncompressedPageSize >= 0 else {
            throw reader.corrupt("a page header lacks its type or has a negative size")
        }
        self = header
    }

    private static func encoding(_ reader: inout ThriftCompactReader) throws(SluiceError) -> ParquetEncoding {
        let raw = try reader.readI32()
        guard let encoding = ParquetEncoding(rawValue: raw) else { throw reader.corrupt("unknown encoding \(raw)") }
        return encoding
    }

    private static func readDataPage(_ reader: inout ThriftCompactReader) throws(SluiceError) -> DataPage {
        var page = DataPage()
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1: page.numValues = try reader.readI32()
            case 2: page.encoding = try encoding(&reader)
            case 3: page.definitionLevelEncoding = try encoding(&reader)
            case 4: page.repetitionLevelEncoding = try encoding(&reader)
            case 5: page.statistics = try ParquetStatistics(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        return page
    }

    private static func readDictionaryPage(_ reader: inout ThriftCompactReader) throws(SluiceError) -> DictionaryPage {
        var page = DictionaryPage()
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1: page.numValues = try reader.readI32()
            case 2: page.encoding = try encoding(&reader)
            default: try reader.skip(field.type)
            }
        }
        return page
    }

    private static func readDataPageV2(_ reader: inout ThriftCompactReader) throws(SluiceError) -> DataPageV2 {
        var page = DataPageV2()
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1: page.numValues = try reader.readI32()
            case 2: page.numNulls = try reader.readI32()
            case 3: page.numRows = try reader.readI32()
            case 4: page.encoding = try encoding(&reader)
            case 5: page.definitionLevelsByteLength = try reader.readI32()
            case 6: page.repetitionLevelsByteLength = try reader.readI32()
            case 7: page.isCompressed = reader.readBool(field)
            default: try reader.skip(field.type)
            }
        }
        return page
    }

    func write(to writer: inout ThriftCompactWriter) {
        writer.i32(1, type.rawValue)
        writer.i32(2, uncompressedPageSize)
        writer.i32(3, compressedPageSize)
        if let dataPage {
            writer.structField(5) { writer in
                writer.i32(1, dataPage.numValues)
                writer.i32(2, dataPage.encoding.rawValue)
                writer.i32(3, dataPage.definitionLevelEncoding.rawValue)
                writer.i32(4, dataPage.repetitionLevelEncoding.rawValue)
                if let statistics = dataPage.statistics { writer.structField(5) { statistics.write(to: &$0) } }
            }
        }
        if let dictionaryPage {
            writer.structField(7) { writer in
                writer.i32(1, dictionaryPage.numValues)
                writer.i32(2, dictionaryPage.encoding.rawValue)
            }
        }
    }
}
