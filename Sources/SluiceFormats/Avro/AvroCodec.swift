import SluiceCompression
import SluiceSpec

/// The block compression codecs of Avro object container files, by their `avro.codec` names.
public enum AvroCodec: String, Sendable, Hashable, CaseIterable {
    case null
    /// Raw deflate (RFC 1951), no zlib header.
    case deflate
    /// Raw Snappy, followed by the big-endian CRC-32 of the uncompressed data.
    case snappy
    case zstandard
    case bzip2
    case xz

    /// The codec named `name` in a file header (absent means `null`).
    public init(headerName name: String?) throws(SluiceError) {
        guard let codec = AvroCodec(rawValue: name ?? "null") else {
            throw SluiceError(.unsupported, "unknown Avro codec '\(name ?? "")'",
                              hint: "supported codecs: \(AvroCodec.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = codec
    }

    /// The codec a user names in `compression` (Spark's names: `uncompressed` is `null`).
    public init?(optionName name: String) {
        switch name.lowercased() {
        case "uncompressed", "none", "null": self = .null
        case "zstd": self = .zstandard
        default: self.init(rawValue: name.lowercased())
        }
    }

    private var compression: CompressionCodec {
        switch self {
        case .null: .none
        case .deflate: .deflate
        case .snappy: .snappy
        case .zstandard: .zstd
        case .bzip2: .bzip2
        case .xz: .xz
        }
    }

    public func compress(_ data: [UInt8]) throws(SluiceError) -> [UInt8] {
        var output = try compression.compress(data)
        if self == .snappy {
            let crc = Checksum.crc32(data)
            output += [UInt8(crc >> 24), UInt8(truncatingIfNeeded: crc >> 16), UInt8(truncatingIfNeeded: crc >> 8), UInt8(truncatingIfNeeded: crc)]
        }
        return output
    }

    public func decompress(_ data: [UInt8]) throws(SluiceError) -> [UInt8] {
        guard self == .snappy else { return try compression.decompress(data) }
        guard data.count >= 4 else {
            throw SluiceError(.malformedData, "an Avro snappy block is shorter than its CRC-32")
        }
        let output = try compression.decompress(Array(data[..<(data.count - 4)]))
        let stored = data[(data.count - 4)...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard stored == Checksum.crc32(output) else {
            throw SluiceError(.malformedData, "an Avro snappy block fails its CRC-32 check",
                              hint: "the file is damaged; re-create it from its source")
        }
        return output
    }
}
