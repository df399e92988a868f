import Foundation
import SluiceEngine
import SluiceSpec

/// Avro object container files (`.avro`), as Spark's `format("avro")` reads and writes them.
///
/// Reading resolves each file's schema against `options.readerSchema` when one is given;
/// columns map to engine types as `AvroEngineMapping` says. Large files are decoded on all
/// cores, split at sync markers. Writing produces one container file per part, compressed
/// with `options.codec`.
public struct AvroFormat: FileFormat {
    public let options: AvroOptions

    public init(options: AvroOptions = AvroOptions()) {
        self.options = options
    }

    public var name: String { "avro" }
    public var fileExtension: String { "avro" }

    /// The columns of the reader's record (the file's own schema when no reader schema is
    /// given), checked against the file's schema by resolution.
    public func inferSchema(of data: Data, file: String) throws -> Schema {
        let header = try AvroContainerHeader.read(Self.headerBytes(data), file: file)
        let reader = Self.readerSchema(options.readerSchema, forWriter: header.schema)
        guard case .record(let record) = reader else {
            throw SluiceError(.unsupported, "\(file): the Avro schema is a \(reader.typeName), not a record; Sluice reads records as rows")
        }
        do throws(SluiceError) {
            _ = try AvroSchemaResolver.resolve(writer: header.schema, reader: reader)
        } catch {
            throw SluiceError(.schemaMismatch, "\(file): \(error.message)", hint: error.hint)
        }
        return AvroEngineMapping.engineSchema(of: record)
    }

    /// The schema a file is read with: the reader's, or the file's own. The reader's top-level
    /// record matches the file's whatever its name (as Spark reads with `avroSchema`): the
    /// file's record name is added to its aliases; nested named types still match by name.
    static func readerSchema(_ reader: AvroSchema?, forWriter writer: AvroSchema) -> AvroSchema {
        guard let reader else { return writer }
        guard case .record(let readerRecord) = reader, case .record(let writerRecord) = writer,
              !AvroSchemaResolver.namesMatch(writerRecord.name, readerRecord.name, readerRecord.aliases) else { return reader }
        return .record(AvroRecordSchema(name: readerRecord.name, aliases: readerRecord.aliases + [writerRecord.name],
                                        doc: readerRecord.doc, fields: readerRecord.fields, properties: readerRecord.properties))
    }

    /// The header is at the start; read at most its first megabytes rather than copying a large file.
    static func headerBytes(_ data: Data) -> [UInt8] {
        [UInt8](data.prefix(16 << 20))
    }

    public func read(_ data: Data, file: String, schema: Schema) -> RecordBatchStream {
        read(data, file: file, schema: schema, columns: nil)
    }

    /// Decodes only the fields in `columns`; the others are skipped without being built.
    public func read(_ data: Data, file: String, schema: Schema, columns: Set<String>?) -> RecordBatchStream {
        let output = columns.map { wanted in Schema(schema.fields.filter { wanted.contains($0.name.lowercased()) }) } ?? schema
        let options = self.options
        return RecordBatchStream(schema: output) {
            let reader = AvroFileReader(data: data, file: file, output: output, readerSchema: options.readerSchema, splitSize: options.splitSize)
            return { try reader.next() }
        }
    }

    /// Each batch becomes whole blocks under the one sync marker chosen by `makeWriter`.
    public var encodesBatchesIndependently: Bool { true }

    public func makeWriter(schema: Schema) -> any FormatWriter {
        AvroFileWriter(schema: schema, options: options)
    }
}
