import SluiceConnectors
import SluiceEngine
import SluiceSpec

/// `fromFile`: reads local files (a file, a directory or a glob) in CSV, JSON Lines, Parquet or Avro.
enum FromFile {
    static let descriptor = MethodDescriptor(
        name: "fromFile",
        type: .extract,
        inputs: .none,
        summary: "Read local CSV, JSON Lines, Parquet or Avro files (a file, a directory or a glob).",
        details: """
            `path` names one file, a directory (every file below it, skipping names that start with `.` or `_`), \
            or a glob (`data/2025-*.csv`). Files are read in sorted order as one dataset; their schemas must have \
            the same columns. Relative paths are resolved from the current directory.

            CSV: the first line is the header unless `header` is false (columns are then `_c0`, `_c1`, ...). \
            With `inferSchema` (the default), each column gets the narrowest type all its values fit: boolean, \
            int, bigint, double, date (`yyyy-MM-dd`), timestamp, else string. A file over 8 MB is inferred from \
            a 4 MB sample (its start, and slices spread over the rest that hold no quotes) while every value \
            is still checked as it is read: if one does not fit, the run starts over with the types inferred \
            from every value, so the result is always that of a full pass. `schema` gives the types \
            explicitly instead, as Spark DDL (`"id INT, amount DOUBLE"`) or an object (`{"id": "int"}`). \
            JSON: one object per line; objects become structs and arrays arrays (keys merged across lines, as Spark infers them), values whose types disagree strings of JSON text. Avro: each file's own schema gives \
            the columns (see `fromAvro`, which also takes a reader's schema).

            Parquet: the files' own schema and types; only the columns later steps use are decoded, row groups \
            in parallel. Every codec (snappy, gzip, zstd, lz4, uncompressed) and encoding of the format is read. \
            Every type maps to its engine type (tinyint, smallint, int, bigint, float, double, decimal(p,s), \
            string, binary, date, timestamp, timestamp_ntz; time as bigint microseconds), nested columns to \
            struct, array and map at any depth (see docs/parquet.md).

            A malformed record fails the run with the file, line and column (`mode` `FAILFAST`); \
            `PERMISSIVE` turns unparsable values into nulls and `DROPMALFORMED` skips the record.
            """,
        keys: [
            ConfigKey("path", .string, required: true, "A file, a directory or a glob."),
            ConfigKey("format", .string, required: true, allowed: TextFormatConfig.formats, "The file format."),
        ] + TextFormatConfig.csvKeys + [
            ConfigKey("inferSchema", .boolean, default: "true", "Infer column types from the data (CSV); false reads every column as a string."),
            ConfigKey("schema", .stringOrMap, "Column names and types, as Spark DDL (`\"id INT, name STRING\"`) or an object of name → type; wins over inference."),
            ConfigKey("mode", .string, default: "\"FAILFAST\"", allowed: ["FAILFAST", "PERMISSIVE", "DROPMALFORMED"],
                      "What a malformed record does: fail the run, become nulls, or be skipped."),
        ],
        example: """
            {
              "type": "extract",
              "method": "fromFile",
              "config": {
                "path": "data/orders/*.csv",
                "format": "csv",
                "header": true,
                "inferSchema": true,
                "registerAs": "orders"
              }
            }
            """,
        build: { context in try plan(context) }
    )

    /// The plan of a file source step.
    static func plan(_ context: MethodContext) throws -> StepPlan {
        let config = context.config
        let format = try TextFormatConfig.format(from: config, reading: true, sampledInference: context.sampledInference)
        let source = FileSetSource(path: try config.required("path"), format: format, origin: context.origin(of: "path"))
        return StepPlan(output: .scan(ScanNode(source: source, origin: context.origin)))
    }
}
