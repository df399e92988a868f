import SluiceSpec

/// A block compression codec, as file formats name them (Parquet's `CompressionCodec`,
/// Avro's `avro.codec`). Each case says exactly which framing its bytes use.
public enum CompressionCodec: String, Sendable, Hashable, CaseIterable {
    /// No compression: bytes pass through.
    case none
    /// Raw Snappy blocks (no framing).
    case snappy
    /// A gzip (RFC 1952) stream, as Parquet's GZIP.
    case gzip
    /// A raw deflate (RFC 1951) stream, as Avro's `deflate`.
    case deflate
    /// One or more Zstandard frames.
    case zstd
    /// A raw LZ4 block, as Parquet's LZ4_RAW.
    case lz4Raw
    /// LZ4 blocks in Hadoop's framing (big-endian decompressed and compressed sizes before each
    /// block), as Parquet's deprecated LZ4 codec writes them.
    case lz4Hadoop
    /// A bzip2 stream.
    case bzip2
    /// An xz (LZMA2) stream.
    case xz

    /// `data` compressed with this codec.
    public func compress(_ data: [UInt8]) throws(SluiceError) -> [UInt8] {
        switch self {
        case .none: data
        case .snappy: try Snappy.compress(data)
        case .gzip: try Deflate.compress(data, framing: .gzip)
        case .deflate: try Deflate.compress(data, framing: .raw)
        case .zstd: try Zstd.compress(data)
        case .lz4Raw: try LZ4.compressBlock(data)
        case .lz4Hadoop: try LZ4.compressHadoop(data)
        case .bzip2: try Bzip2.compress(data)
        case .xz: try XZ.compress(data)
        }
    }

    /// `data` decompressed; `uncompressedSize`, when the container records it, sizes the
    /// output exactly and is checked.
    public func decompress(_ data: [UInt8], uncompressedSize: Int? = nil) throws(SluiceError) -> [UInt8] {
        let output: [UInt8]
        switch self {
        case .none: output = data
        case .snappy: output = try Snappy.decompress(data)
        case .gzip: output = try Deflate.decompress(data, framing: .gzip, sizeHint: uncompressedSize)
        case .deflate: output = try Deflate.decompress(data, framing: .raw, sizeHint: uncompressedSize)
        case .zstd: output = try Zstd.decompress(data, sizeHint: uncompressedSize)
        case .lz4Raw:
            guard let uncompressedSize else {
                throw CompressionFailure.error(self, "a raw LZ4 block needs its decompressed size")
            }
            output = try LZ4.decompressBlock(data, uncompressedSize: uncompressedSize)
        case .lz4Hadoop: output = try LZ4.decompressHadoop(data, uncompressedSize: uncompressedSize)
        case .bzip2: output = try Bzip2.decompress(data, sizeHint: uncompressedSize)
        case .xz: output = try XZ.decompress(data, sizeHint: uncompressedSize)
        }
        return try checked(output, uncompressedSize)
    }

    /// `decompress`, reading `data` in place where the codec allows instead of copying it first:
    /// Snappy, and Zstandard when its frame declares the size the container states.
    public func decompress(_ data: UnsafeRawBufferPointer, uncompressedSize: Int? = nil) throws(SluiceError) -> [UInt8] {
        if self == .snappy { return try checked(Snappy.decompress(data), uncompressedSize) }
        if self == .zstd, let uncompressedSize, Zstd.declaredLength(data) == uncompressedSize {
            var failure: SluiceError?
            let output = [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, initialized in
                do throws(SluiceError) {
                    try Zstd.decompress(data, into: UnsafeMutableRawBufferPointer(buffer))
                    initialized = uncompressedSize
                } catch {
                    failure = error
                    initialized = 0
                }
            }
            if let failure { throw failure }
            return output
        }
        return try decompress(Array(data), uncompressedSize: uncompressedSize)
    }

    /// The decompressed length `data` declares, for codecs whose blocks state it (Snappy, and
    /// Zstandard frames that record their size), when the declaration is plausible for the
    /// block's size; nil otherwise.
    public func declaredLength(_ data: UnsafeRawBufferPointer) -> Int? {
        switch self {
        case .snappy: try? Snappy.uncompressedLength(data)
        case .zstd: Zstd.declaredLength(data)
        default: nil
        }
    }

    /// `data` decompressed into `output`, which is exactly as long as the decompressed bytes
    /// must be (a Parquet page records its size): Snappy and Zstandard write there directly,
    /// other codecs through a copy.
    public func decompress(_ data: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(SluiceError) {
        if self == .snappy { return try Snappy.decompress(data, into: output) }
        if self == .zstd { return try Zstd.decompress(data, into: output) }
        let bytes = try decompress(data, uncompressedSize: output.count)
        bytes.withUnsafeBytes { output.copyMemory(from: $0) }
    }

    private func checked(_ output: [UInt8], _ uncompressedSize: Int?) throws(SluiceError) -> [UInt8] {
        if let uncompressedSize, output.count != uncompressedSize {
            throw CompressionFailure.error(
                self, "decompressed to \(output.count) bytes where \(uncompressedSize) were expected")
        }
        return output
    }
}

/// Builds the errors codecs throw: corrupt input is malformed data, not a crash.
enum CompressionFailure {
    static func error(_ codec: CompressionCodec, _ detail: String) -> SluiceError {
        SluiceError(
            .malformedData, "\(codec.rawValue) data is corrupt: \(detail)",
            hint: "the file may be truncated or damaged; re-create it from its source")
    }
}
