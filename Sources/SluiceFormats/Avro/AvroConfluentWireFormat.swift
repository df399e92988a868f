import SluiceSpec

/// The Confluent Schema Registry wire format Kafka producers use: a zero magic byte, the
/// schema's registry id (4 bytes, big-endian), then the value's binary encoding.
public enum AvroConfluentWireFormat {
    /// The first byte of every message.
    public static let magic: UInt8 = 0

    /// `value` as a message under `schema`, registered as `schemaID`.
    public static func encode(_ value: AvroValue, schema: AvroSchema, schemaID: UInt32) throws(SluiceError) -> [UInt8] {
        [magic, UInt8(schemaID >> 24), UInt8(truncatingIfNeeded: schemaID >> 16), UInt8(truncatingIfNeeded: schemaID >> 8),
         UInt8(truncatingIfNeeded: schemaID)] + (try AvroValueCodec.encode(value, as: schema))
    }

    /// The registry id a message names.
    public static func schemaID(of bytes: [UInt8]) throws(SluiceError) -> UInt32 {
        guard bytes.count >= 5, bytes[0] == magic else {
            throw SluiceError(.malformedData, "not a Confluent Avro message (it does not start with a zero byte and a schema id)")
        }
        return bytes[1...4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// The value of a message; `writerSchema` looks up the writer's schema by id (a registry
    /// client or a cache), and the value is resolved to `reader` when given.
    public static func decode(_ bytes: [UInt8], reader: AvroSchema? = nil,
                              writerSchema: (UInt32) throws(SluiceError) -> AvroSchema) throws(SluiceError) -> AvroValue {
        let writer = try writerSchema(try schemaID(of: bytes))
        return try AvroResolvingDecoder.decode(Array(bytes[5...]), writer: writer, reader: reader ?? writer)
    }
}
