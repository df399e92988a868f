import SluiceSpec

/// Avro's single-object encoding: the marker `C3 01`, the writer schema's CRC-64-AVRO
/// fingerprint (8 bytes, little-endian), then the value's binary encoding. Messages name
/// their schema by fingerprint, so a reader looks it up among the schemas it knows.
public struct AvroSingleObjectEncoding: Sendable {
    /// The two bytes every single-object message starts with.
    public static let marker: [UInt8] = [0xC3, 0x01]

    /// The schemas this codec can read, by fingerprint.
    public private(set) var schemas: [UInt64: AvroSchema] = [:]

    public init(schemas: [AvroSchema] = []) {
        for schema in schemas { register(schema) }
    }

    /// Makes `schema` known to `decode`.
    public mutating func register(_ schema: AvroSchema) {
        schemas[schema.fingerprint] = schema
    }

    /// `value` as a single-object message under `schema`.
    public static func encode(_ value: AvroValue, schema: AvroSchema) throws(SluiceError) -> [UInt8] {
        var bytes = marker
        var fingerprint = schema.fingerprint
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: fingerprint))
            fingerprint >>= 8
        }
        return bytes + (try AvroValueCodec.encode(value, as: schema))
    }

    /// Whether `bytes` starts like a single-object message.
    public static func isSingleObject(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 10 && bytes.starts(with: marker)
    }

    /// The fingerprint of the writer's schema named in a message.
    public static func fingerprint(of bytes: [UInt8]) throws(SluiceError) -> UInt64 {
        guard isSingleObject(bytes) else {
            throw SluiceError(.malformedData, "not an Avro single-object message (it does not start with C3 01 and a fingerprint)")
        }
        return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[2 + $1]) << UInt64(8 * $1) }
    }

    /// The value of a message, read with the writer's schema it names (which must be
    /// registered) and resolved to `reader` when given.
    public func decode(_ bytes: [UInt8], reader: AvroSchema? = nil) throws(SluiceError) -> AvroValue {
        let fingerprint = try Self.fingerprint(of: bytes)
        guard let writer = schemas[fingerprint] else {
            throw SluiceError(.schemaMismatch, "an Avro single-object message names schema fingerprint \(String(fingerprint, radix: 16)), which is not known",
                              hint: "register the writer's schema first")
        }
        return try AvroResolvingDecoder.decode(Array(bytes[10...]), writer: writer, reader: reader ?? writer)
    }
}
