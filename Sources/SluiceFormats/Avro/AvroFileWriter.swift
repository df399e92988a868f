import SluiceEngine
import SluiceSpec

/// Writes batches as an Avro object container file: the header (schema, codec, sync marker),
/// then blocks of about `blockSize` uncompressed bytes, each compressed with the codec.
///
/// The sync marker is chosen when the writer is made, so copies of one writer may encode
/// batches at once and their blocks be concatenated into one valid file.
struct AvroFileWriter: FormatWriter {
    let container: AvroContainerHeader
    let encoders: Result<[(column: Int?, encoder: AvroColumnEncoder, fallback: AvroValue?)], SluiceError>
    let blockSize: Int

    init(schema: Schema, options: AvroOptions) {
        let avro = options.writerSchema ?? AvroEngineMapping.avroSchema(for: schema, name: options.recordName, namespace: options.recordNamespace)
        container = AvroContainerHeader(schema: avro, codec: options.codec, syncMarker: AvroContainerHeader.randomSyncMarker())
        blockSize = options.blockSize
        let derived = options.writerSchema == nil
        encoders = Result { () throws(SluiceError) in
            if derived { try AvroEngineMapping.checkNames(schema) }
            return try Self.encoders(for: schema, avro: avro)
        }
    }

    /// For each Avro field: the engine column that fills it (by name, case-insensitively), or
    /// its default when the dataset lacks it.
    private static func encoders(for schema: Schema, avro: AvroSchema) throws(SluiceError) -> [(column: Int?, encoder: AvroColumnEncoder, fallback: AvroValue?)] {
        guard case .record(let record) = avro else {
            throw SluiceError(.invalidValue, "an Avro schema for writing must be a record, not \(avro)")
        }
        var result: [(column: Int?, encoder: AvroColumnEncoder, fallback: AvroValue?)] = []
        for field in record.fields {
            if let column = schema.index(of: field.name) {
                result.append((column, try AvroColumnEncoder(name: field.name, type: schema.fields[column].type, schema: field.type), nil))
            } else if let json = field.defaultValue {
                result.append((nil, try AvroColumnEncoder(name: field.name, type: .string, schema: .string()),
                               try AvroDefaultValue.value(json, for: field.type)))
            } else {
                throw SluiceError(.schemaMismatch, "the Avro schema's field '\(field.name)' has no column in the dataset and no default",
                                  hint: "columns: \(schema.names.joined(separator: ", "))")
            }
        }
        return result
    }

    mutating func header() -> [UInt8] { container.encoded() }

    mutating func encode(_ batch: RecordBatch) throws -> [UInt8] {
        let encoders = try self.encoders.get()
        guard case .record(let record) = container.schema else { return [] }
        var out: [UInt8] = []
        var objects = AvroBinaryEncoder(capacity: min(blockSize, 1 << 20) + 1024)
        var count = 0
        for row in 0..<batch.rowCount {
            for (index, entry) in encoders.enumerated() {
                if let column = entry.column {
                    try entry.encoder.encode(batch.columns[column], row: row, into: &objects)
                } else if let fallback = entry.fallback {
                    try AvroValueCodec.encode(fallback, as: record.fields[index].type, into: &objects)
                }
            }
            count += 1
            if objects.bytes.count >= blockSize {
                out += try AvroContainerBlock.encode(count: count, objects: objects.bytes, codec: container.codec, syncMarker: container.syncMarker)
                objects.bytes.removeAll(keepingCapacity: true)
                count = 0
            }
        }
        if count > 0 {
            out += try AvroContainerBlock.encode(count: count, objects: objects.bytes, codec: container.codec, syncMarker: container.syncMarker)
        }
        return out
    }

    mutating func footer() -> [UInt8] { [] }
}
