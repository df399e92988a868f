import SluiceConnectors
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// `toAvro`: writes a dataset as a directory of Avro object container files, atomically.
enum ToAvro {
    static let descriptor = MethodDescriptor(
        name: "toAvro",
        type: .load,
        inputs: .one,
        summary: "Write a dataset as a directory of Avro files, compressed (snappy by default), atomically.",
        details: """
            Writes `part-00000.avro`, ... and a `_SUCCESS` marker into the directory `path`, staged beside it and \
            swapped into place when the run succeeds, as `toFile` does; `mode` works the same way.

            Without `avroSchema`, the schema is derived from the dataset, as Spark derives it: a record named \
            `recordName` (default `topLevelRecord`) in `recordNamespace`, BOOLEAN → boolean, INT → int, BIGINT → \
            long, DOUBLE → double, STRING → string, DATE → int (date), TIMESTAMP → long (timestamp-micros); a \
            nullable column becomes `["null", T]` with default null. With `avroSchema`, its fields are filled from \
            the columns of the same name (case-insensitively): numbers are converted where exact (INT → long, \
            float or double), STRING may be written as bytes or as an enum symbol, TIMESTAMP as \
            timestamp-millis/micros; a field with no column takes its default.

            `compression` is the block codec (Spark's default, snappy, when absent). `partitionBy` writes one \
            Hive-style directory per value of its columns (`date=2025-01-03/part-00000.avro`, nulls as \
            `__HIVE_DEFAULT_PARTITION__`), without those columns in the files, as Spark does; `fromAvro` on the \
            directory restores them.
            """,
        keys: [
            ConfigKey("path", .string, required: true, "The output directory."),
            ConfigKey("mode", .string, default: "\"errorIfExists\"",
                      allowed: ["errorIfExists", "overwrite", "append", "ignore", "error"],
                      "What to do when the directory already holds files."),
            ConfigKey("compression", .string, default: "\"snappy\"", allowed: AvroConfig.compressions, "The block codec."),
            ConfigKey("avroSchema", .stringOrObject, "The Avro schema to write (a record), as a JSON object or JSON text."),
            ConfigKey("recordName", .string, default: "\"topLevelRecord\"", "The name of the derived record schema."),
            ConfigKey("recordNamespace", .string, "The namespace of the derived record schema."),
            ConfigKey("partitionBy", .stringList, "Columns whose values name the output's subdirectories (`col=value/`)."),
            ConfigKey("maxRecordsPerFile", .integer, default: "0", "Rows per part file; 0 writes one file."),
        ],
        example: """
            {
              "type": "load",
              "method": "toAvro",
              "config": {
                "path": "/data/avro/",
                "compression": "snappy",
                "partitionBy": ["date"],
                "mode": "overwrite"
              }
            }
            """,
        build: { context in
            let config = context.config
            let partitionBy = try config.stringList("partitionBy") ?? []
            var options = AvroOptions()
            options.codec = try AvroConfig.codec(config)
            options.recordName = try config.string("recordName") ?? options.recordName
            options.recordNamespace = try config.string("recordNamespace")
            if let record = try AvroConfig.recordSchema(config, "avroSchema") { options.writerSchema = .record(record) }
            let modeText = try config.string("mode") ?? "errorIfExists"
            guard let mode = WriteMode(spelling: modeText) else { throw config.error("mode", "unknown write mode '\(modeText)'") }
            let maxRecords = try config.int("maxRecordsPerFile") ?? 0
            guard maxRecords >= 0 else { throw config.error("maxRecordsPerFile", "maxRecordsPerFile must be 0 or more") }
            let input = try context.input
            let sink = FileSetSink(path: try config.required("path"), format: AvroFormat(options: options), mode: mode,
                                   maxRecordsPerFile: maxRecords, partitionBy: partitionBy, outputFiles: OutputFiles.find(in: input),
                                   runId: context.runId,
                                   origin: context.origin(of: "path"))
            return StepPlan(output: input, action: .write(WriteNode(input: input, sink: sink, origin: context.origin)))
        }
    )
}
