import SluiceEngine
import SluiceFormats
import SluiceSpec

/// The format keys `fromFile` and `toFile` share, and how they become a `FileFormat`.
enum TextFormatConfig {
    /// The values of `format`.
    static let formats = ["csv", "json", "parquet", "avro"]

    /// The `compression` key of sinks.
    static let compressionKey = ConfigKey(
        "compression", .string, default: "\"snappy\"", allowed: ParquetCompression.allCases.map(\.rawValue) + ["uncompressed", "lz4_raw"],
        "Parquet: the page compression codec.")

    /// Keys that only apply to CSV.
    static let csvKeys: [ConfigKey] = [
        ConfigKey("header", .boolean, default: "true", "CSV: the first line holds the column names."),
        ConfigKey("delimiter", .string, default: "\",\"", "CSV: the field separator, one character (`\\t` for tab)."),
        ConfigKey("quote", .string, default: "\"\\\"\"", "CSV: the quote character."),
        ConfigKey("escape", .string, default: "\"\\\"\"",
                  "CSV: the character that escapes a quote inside a quoted field (the quote itself by default, as RFC 4180 doubles quotes; `\\\\` for backslash)."),
        ConfigKey("nullValue", .string, default: "\"\"", "CSV: the text that stands for null."),
    ]

    /// The format named by `format`, with its options from `config`. Format-specific keys
    /// given for another format are errors, so a typo'd format cannot silently ignore them.
    /// Without `sampledInference`, CSV schemas are inferred from every value.
    static func format(from config: ConfigReader, reading: Bool, sampledInference: Bool = true) throws -> any FileFormat {
        let name = try config.required("format").lowercased()
        let csvOnly = csvKeys.map(\.name) + (reading ? ["inferSchema"] : [])
        if name != "parquet", config.has("compression") {
            throw config.error("compression", "'compression' applies to Parquet only, but the format is \(name)",
                               hint: "remove 'compression' or set \"format\": \"parquet\"")
        }
        switch name {
        case "csv":
            var options = CSVOptions()
            options.header = try config.bool("header") ?? options.header
            options.delimiter = try character(config, "delimiter") ?? options.delimiter
            options.quote = try character(config, "quote") ?? options.quote
            options.escape = try character(config, "escape") ?? options.escape
            options.nullValue = try config.string("nullValue") ?? options.nullValue
            if reading {
                options.inferSchema = try config.bool("inferSchema") ?? options.inferSchema
                options.schema = try schema(config)
                options.parseMode = try parseMode(config)
                if !sampledInference { options.inferenceSampleBytes = nil }
            }
            return CSVFormat(options: options)
        case "avro":
            // Avro files carry their schema; toAvro and fromAvro give the Avro-only options.
            if let key = (csvOnly + ["schema"]).first(where: config.has) {
                throw config.error(key, "'\(key)' does not apply to Avro files",
                                   hint: "remove '\(key)'; fromAvro and toAvro take the Avro options (avroSchema, compression)")
            }
            return AvroFormat()
        case "json":
            if let key = csvOnly.first(where: config.has) {
                throw config.error(key, "'\(key)' applies to CSV only, but the format is json",
                                   hint: "remove '\(key)' or set \"format\": \"csv\"")
            }
            var options = JSONLinesOptions()
            if reading {
                options.schema = try schema(config)
                options.parseMode = try parseMode(config)
            }
            return JSONLinesFormat(options: options)
        case "parquet":
            let textOnly = csvOnly + (reading ? ["schema", "mode"] : [])
            if let key = textOnly.first(where: config.has) {
                throw config.error(key, "'\(key)' applies to CSV or JSON, but the format is parquet",
                                   hint: "Parquet files carry their own schema and types; remove '\(key)'")
            }
            var options = ParquetWriteOptions()
            options.compression = try parquetCompression(config) ?? options.compression
            return ParquetFormat(options: options)
        default:
            throw config.error("format", "unknown format '\(name)'", hint: NameSuggester.hint(for: name, in: formats))
        }
    }

    /// The Parquet codec named by `compression`, if set.
    static func parquetCompression(_ config: ConfigReader) throws -> ParquetCompression? {
        guard let text = try config.string("compression") else { return nil }
        guard let compression = ParquetCompression(name: text) else {
            throw config.error("compression", "unknown Parquet compression '\(text)'", hint: "one of: none, snappy, gzip, zstd, lz4")
        }
        return compression
    }

    /// A one-character setting; `\t` is accepted for tab.
    private static func character(_ config: ConfigReader, _ key: String) throws -> UInt8? {
        guard let text = try config.string(key) else { return nil }
        let value = text == "\\t" ? "\t" : text
        guard value.utf8.count == 1, let byte = value.utf8.first else {
            throw config.error(key, "'\(key)' must be exactly one ASCII character, got \"\(text)\"")
        }
        return byte
    }

    /// The explicit schema: Spark DDL, or an object of name → type.
    static func schema(_ config: ConfigReader) throws -> Schema? {
        guard let node = try config.value("schema") else { return nil }
        if let ddl = node.stringValue {
            do {
                return try Schema(ddl: ddl)
            } catch {
                throw config.error("schema", error.message, hint: error.hint)
            }
        }
        var fields: [Field] = []
        for member in node.members ?? [] {
            guard let typeName = member.value.stringValue, let type = DataType(sqlName: typeName) else {
                throw SluiceError(.invalidValue, "column '\(member.key)' has an unknown type \(member.value.jsonText)",
                                  location: member.value.location,
                                  jsonPath: config.path(of: "schema").appending(member.key).description,
                                  hint: "types: \(DataType.acceptedSQLNames.joined(separator: ", "))")
            }
            fields.append(Field(member.key, type))
        }
        return Schema(fields)
    }

    private static func parseMode(_ config: ConfigReader) throws -> ParseMode {
        switch (try config.string("mode") ?? "FAILFAST").uppercased() {
        case "PERMISSIVE": .permissive
        case "DROPMALFORMED": .dropMalformed
        default: .failFast
        }
    }
}
