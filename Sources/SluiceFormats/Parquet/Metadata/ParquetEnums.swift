import SluiceCompression

/// Parquet's physical types: how values are stored, before any logical annotation.
enum ParquetPhysicalType: Int32, Sendable {
    case boolean = 0, int32, int64, int96, float, double, byteArray, fixedLenByteArray
}

/// Whether a schema field is required, optional or repeated.
enum ParquetRepetition: Int32, Sendable {
    case required = 0, optional, repeated
}

/// The encodings of values and levels in data pages.
enum ParquetEncoding: Int32, Sendable {
    case plain = 0
    case plainDictionary = 2
    case rle = 3
    case bitPacked = 4
    case deltaBinaryPacked = 5
    case deltaLengthByteArray = 6
    case deltaByteArray = 7
    case rleDictionary = 8
    case byteStreamSplit = 9
}

/// The kinds of page in a column chunk.
enum ParquetPageType: Int32, Sendable {
    case dataPage = 0, indexPage, dictionaryPage, dataPageV2
}

/// The compression codecs of the format, and the codec that decodes each.
enum ParquetCodec: Int32, Sendable {
    case uncompressed = 0, snappy, gzip, lzo, brotli, lz4, zstd, lz4Raw

    /// The codec implementation, or nil for the codecs Sluice does not carry (LZO, Brotli).
    var codec: CompressionCodec? {
        switch self {
        case .uncompressed: CompressionCodec.none
        case .snappy: .snappy
        case .gzip: .gzip
        case .lz4: .lz4Hadoop
        case .zstd: .zstd
        case .lz4Raw: .lz4Raw
        case .lzo, .brotli: nil
        }
    }

    var name: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        }
    }
}

/// The legacy `ConvertedType` annotation, still the only one older writers set.
enum ParquetConvertedType: Int32, Sendable {
    case utf8 = 0, map, mapKeyValue, list, enumeration, decimal, date, timeMillis, timeMicros
    case timestampMillis, timestampMicros, uint8, uint16, uint32, uint64, int8, int16, int32, int64
    case json, bson, interval
}
