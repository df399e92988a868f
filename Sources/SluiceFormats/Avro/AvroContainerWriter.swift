import SluiceSpec

/// Writes `AvroValue`s as an object container file, value by value: for data that is not a
/// dataset of engine columns (tests, connectors that produce Avro values).
public struct AvroContainerWriter {
    public let header: AvroContainerHeader
    /// Uncompressed bytes per block.
    public var blockSize: Int
    private var output: [UInt8]
    private var objects = AvroBinaryEncoder()
    private var count = 0

    public init(schema: AvroSchema, codec: AvroCodec = .null, metadata: [String: [UInt8]] = [:], blockSize: Int = 1 << 20) {
        header = AvroContainerHeader(schema: schema, codec: codec, syncMarker: AvroContainerHeader.randomSyncMarker(), metadata: metadata)
        self.blockSize = blockSize
        output = header.encoded()
    }

    /// Adds one value of the file's schema.
    public mutating func append(_ value: AvroValue) throws(SluiceError) {
        try AvroValueCodec.encode(value, as: header.schema, into: &objects)
        count += 1
        if objects.bytes.count >= blockSize { try flush() }
    }

    /// Ends the current block, if it holds anything.
    public mutating func flush() throws(SluiceError) {
        guard count > 0 else { return }
        output += try AvroContainerBlock.encode(count: count, objects: objects.bytes, codec: header.codec, syncMarker: header.syncMarker)
        objects.bytes.removeAll(keepingCapacity: true)
        count = 0
    }

    /// The whole file.
    public mutating func finish() throws(SluiceError) -> [UInt8] {
        try flush()
        return output
    }

    /// Every value of an object container file, with the writer's schema (resolved to
    /// `reader` when given).
    public static func values(of bytes: [UInt8], reader: AvroSchema? = nil, file: String = "Avro data") throws(SluiceError) -> (header: AvroContainerHeader, values: [AvroValue]) {
        let header = try AvroContainerHeader.read(bytes, file: file)
        let plan = try AvroSchemaResolver.resolve(writer: header.schema, reader: reader ?? header.schema)
        var values: [AvroValue] = []
        var offset = header.dataOffset
        while offset < bytes.count {
            let (block, next) = try AvroContainerBlock.read(bytes, at: offset, header: header, file: file)
            var decoder = AvroBinaryDecoder(block.data, source: file)
            for _ in 0..<block.count { values.append(try AvroResolvingDecoder.decode(plan, from: &decoder)) }
            offset = next
        }
        return (header, values)
    }
}
