import SluiceConnectors
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// `fromAvro`: reads Avro object container files, optionally through a reader's schema.
enum FromAvro {
    static let descriptor = MethodDescriptor(
        name: "fromAvro",
        type: .extract,
        inputs: .none,
        summary: "Read Avro files (a file, a directory or a glob), optionally evolved to a reader's schema.",
        details: """
            `path` names one `.avro` file, a directory (every file below it, skipping names that start with `.` or \
            `_`), or a glob. A directory written with `partitionBy` (`date=2025-01-03/...`) gets its partition \
            columns back, after the files' columns, typed from their values (int, bigint, double, date, \
            timestamp, else string). Every codec is read: null, deflate, snappy, zstandard, bzip2 and xz. Large files are \
            decoded on all cores, split at their sync markers.

            Columns: boolean → BOOLEAN; int → INT; long → BIGINT; float → FLOAT; double → DOUBLE; string, enum and \
            uuid → STRING; bytes and fixed → BINARY; decimal → DECIMAL(p,s); duration → BINARY; date → DATE; \
            timestamp-millis/micros/nanos → TIMESTAMP; local-timestamp-* → TIMESTAMP_NTZ; time-millis/micros → \
            BIGINT microseconds; record → STRUCT; array → ARRAY; map → MAP<STRING, T>; a union of null and one \
            type → that type, nullable. Unions of several types and records that contain themselves cannot be read \
            into columns yet: a step that uses such a column fails with an `unsupported` error naming it (drop it \
            before it is used).

            `avroSchema` (a JSON object, or JSON text) is the reader's schema: each file is read through Avro \
            schema resolution, so fields the files lack take the schema's defaults, fields it lacks are dropped, \
            numbers are promoted (int → long → float → double), string and bytes convert, renamed fields and \
            nested records match by their aliases (the top-level record matches whatever its name), and unknown enum symbols take the enum's default. A file that cannot \
            be resolved fails with the field and the rule it breaks.
            """,
        keys: [
            ConfigKey("path", .string, required: true, "A file, a directory or a glob."),
            ConfigKey("avroSchema", .stringOrObject, "The reader's Avro schema (a record), as a JSON object or JSON text."),
        ],
        example: """
            {
              "type": "extract",
              "method": "fromAvro",
              "config": {
                "path": "data/avro/events/",
                "registerAs": "events"
              }
            }
            """,
        build: { context in
            var options = AvroOptions()
            if let record = try AvroConfig.recordSchema(context.config, "avroSchema") { options.readerSchema = .record(record) }
            let source = FileSetSource(path: try context.config.required("path"), format: AvroFormat(options: options),
                                       origin: context.origin(of: "path"))
            return StepPlan(output: .scan(ScanNode(source: source, origin: context.origin)))
        }
    )
}
