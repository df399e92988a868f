/// How Avro files are read and written.
public struct AvroOptions: Sendable {
    /// The reader's schema: files are resolved against it (fields added with defaults,
    /// dropped, promoted). Nil reads each file with its own (writer's) schema.
    public var readerSchema: AvroSchema?
    /// The schema to write; nil derives one from the dataset (`AvroEngineMapping.avroSchema`).
    public var writerSchema: AvroSchema?
    /// The block codec for writing. Spark's default is snappy.
    public var codec = AvroCodec.snappy
    /// The name and namespace of the record Sluice derives for writing (Spark's defaults).
    public var recordName = "topLevelRecord"
    public var recordNamespace: String?
    /// Uncompressed bytes per block when writing.
    public var blockSize = 1 << 20
    /// Bytes per split when reading a large file on several cores.
    public var splitSize = 8 << 20

    public init() {}
}
