import SluiceSpec

/// The header of an Avro object container file: magic `Obj\u{1}`, metadata (`avro.schema`,
/// `avro.codec`, user keys) and the 16-byte sync marker that ends every block.
public struct AvroContainerHeader: Sendable {
    /// The first four bytes of every object container file.
    public static let magic: [UInt8] = [0x4F, 0x62, 0x6A, 0x01]

    /// The writer's schema.
    public var schema: AvroSchema
    public var codec: AvroCodec
    public var syncMarker: [UInt8]
    /// Every metadata entry, `avro.schema` and `avro.codec` included.
    public var metadata: [String: [UInt8]]
    /// The offset of the first data block.
    public var dataOffset: Int

    public init(schema: AvroSchema, codec: AvroCodec, syncMarker: [UInt8], metadata: [String: [UInt8]] = [:], dataOffset: Int = 0) {
        self.schema = schema
        self.codec = codec
        self.syncMarker = syncMarker
        self.metadata = metadata
        self.dataOffset = dataOffset
    }

    /// Reads the header at the start of `bytes`; `file` names the file in errors.
    public static func read(_ bytes: [UInt8], file: String) throws(SluiceError) -> AvroContainerHeader {
        guard bytes.starts(with: magic) else {
            throw SluiceError(.malformedData, "\(file) is not an Avro object container file (it does not start with Obj\\x01)",
                              hint: "check the path and the format")
        }
        var decoder = AvroBinaryDecoder(bytes, position: 4, source: file)
        var metadata: [String: [UInt8]] = [:]
        try decoder.readItems { (decoder) throws(SluiceError) in
            let key = try decoder.readString()
            metadata[key] = try decoder.readBytes()
        }
        let sync = try decoder.readFixed(16)
        guard let schemaBytes = metadata["avro.schema"] else {
            throw SluiceError(.malformedData, "\(file) has no avro.schema in its header")
        }
        let schema: AvroSchema
        do throws(SluiceError) {
            schema = try AvroSchemaParser.parse(try JSONParser.parse(bytes: schemaBytes, file: "\(file) (avro.schema)"))
        } catch {
            throw SluiceError(.malformedData, "\(file): the schema in the header is invalid: \(error.message)")
        }
        let codec = try AvroCodec(headerName: metadata["avro.codec"].map { String(decoding: $0, as: UTF8.self) })
        return AvroContainerHeader(schema: schema, codec: codec, syncMarker: sync, metadata: metadata, dataOffset: decoder.position)
    }

    /// The header's bytes, as a writer starts a file.
    public func encoded() -> [UInt8] {
        var entries = metadata
        entries["avro.schema"] = Array(schema.jsonText.utf8)
        entries["avro.codec"] = Array(codec.rawValue.utf8)
        var encoder = AvroBinaryEncoder()
        encoder.writeRaw(Self.magic)
        encoder.writeLong(Int64(entries.count))
        for key in entries.keys.sorted() {
            encoder.writeString(key)
            encoder.writeBytes(entries[key]!)
        }
        encoder.writeLong(0)
        encoder.writeRaw(syncMarker)
        return encoder.bytes
    }

    /// A new random sync marker.
    public static func randomSyncMarker() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
