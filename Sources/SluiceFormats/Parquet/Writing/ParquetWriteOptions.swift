/// How Parquet files are written.
public struct ParquetWriteOptions: Sendable, Equatable {
    /// The compression of every page.
    public var compression: ParquetCompression = .snappy
    /// A row group is closed when its encoded size reaches this many bytes.
    public var rowGroupBytes = 128 * 1024 * 1024
    /// Dictionary encoding is tried first for every column; a column chunk falls back to
    /// plain encoding once its dictionary grows past this many bytes.
    public var dictionaryPageBytes = 1024 * 1024
    /// Whether to try dictionary encoding at all.
    public var dictionary = true

    public init() {}
}

/// The `compression` values of Parquet sinks.
public enum ParquetCompression: String, Sendable, CaseIterable {
    case none, snappy, gzip, zstd, lz4

    /// Accepts the names Spark accepts (`uncompressed` for none, `lz4_raw` for lz4).
    public init?(name: String) {
        switch name.lowercased() {
        case "none", "uncompressed": self = .none
        case "snappy": self = .snappy
        case "gzip": self = .gzip
        case "zstd": self = .zstd
        case "lz4", "lz4_raw": self = .lz4
        default: return nil
        }
    }

    var codec: ParquetCodec {
        switch self {
        case .none: .uncompressed
        case .snappy: .snappy
        case .gzip: .gzip
        case .zstd: .zstd
        case .lz4: .lz4Raw
        }
    }
}
