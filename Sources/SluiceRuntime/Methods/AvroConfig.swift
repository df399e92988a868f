import SluiceFormats
import SluiceSpec

/// The Avro keys several methods share, and how they are read.
enum AvroConfig {
    /// `compression` values, as Spark's `spark.sql.avro.compression.codec` names them.
    static let compressions = ["uncompressed", "snappy", "deflate", "zstandard", "bzip2", "xz"]

    /// An Avro schema given as a JSON object or as JSON text; errors point at the key.
    static func schema(_ config: ConfigReader, _ key: String) throws -> AvroSchema? {
        guard let node = try config.value(key) else { return nil }
        do throws(SluiceError) {
            if let text = node.stringValue {
                return try AvroSchemaParser.parse(try JSONParser.parse(text, file: "\(key) (at \(config.path(of: key)))"))
            }
            return try AvroSchemaParser.parse(node)
        } catch {
            throw SluiceError(error.code, error.message, location: error.location ?? node.location,
                              jsonPath: config.path(of: key).description, hint: error.hint)
        }
    }

    /// An Avro schema that must be a record (a dataset's rows).
    static func recordSchema(_ config: ConfigReader, _ key: String) throws -> AvroRecordSchema? {
        guard let schema = try schema(config, key) else { return nil }
        guard case .record(let record) = schema else {
            throw config.error(key, "'\(key)' must be an Avro record schema, not \(schema)",
                               hint: "write {\"type\": \"record\", \"name\": ..., \"fields\": [...]}")
        }
        return record
    }

    /// The codec named by `compression` (snappy when absent, as Spark's default).
    static func codec(_ config: ConfigReader) throws -> AvroCodec {
        let name = try config.string("compression") ?? "snappy"
        guard let codec = AvroCodec(optionName: name) else {
            throw config.error("compression", "unknown Avro compression '\(name)'", hint: NameSuggester.hint(for: name, in: compressions))
        }
        return codec
    }
}
