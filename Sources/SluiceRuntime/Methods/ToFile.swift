import SluiceConnectors
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// `toFile`: writes a dataset as a directory of CSV, JSON Lines, Parquet or Avro part files, atomically.
enum ToFile {
    static let descriptor = MethodDescriptor(
        name: "toFile",
        type: .load,
        inputs: .one,
        summary: "Write a dataset as a directory of CSV, JSON Lines, Parquet or Avro files, atomically.",
        details: """
            Writes `part-00000.<ext>`, `part-00001.<ext>`, ... and a `_SUCCESS` marker into the directory `path`. \
            The files are written to a hidden staging directory beside it and swapped into place when the whole \
            run succeeds, so readers never see a half-written output and a failed run leaves the previous \
            output as it was.

            `mode`: `errorIfExists` (the default, as in Spark) fails when `path` holds files; `overwrite` \
            replaces them; `append` adds new part files beside them; `ignore` writes nothing when `path` holds \
            files. CSV nulls are written as `nullValue` (empty by default) and empty strings as `""`; \
            JSON omits null fields. Dates are written `yyyy-MM-dd`, timestamps ISO 8601 in UTC. Avro files are \
            snappy-compressed with a schema derived from the dataset (see `toAvro` for the codec and schema options).

            Parquet: dictionary-encoded columns (plain once a column's dictionary passes 1 MB), min/max/null-count \
            statistics, row groups of about 128 MB, pages compressed with `compression` (snappy by default). \
            Timestamps are written as microseconds adjusted to UTC, dates as DATE, strings as UTF-8 STRING.

            `partitionBy` writes Hive-style directories (`year=2025/month=1/part-00000.parquet`), one per distinct \
            value combination (nulls as `__HIVE_DEFAULT_PARTITION__`), as Spark does; the partition columns are \
            not repeated inside the files. Each part file is closed once it reaches `targetFileSize` (256 MB for \
            Parquet), so a partitioned write makes a few large files per partition rather than many small ones.
            """,
        keys: [
            ConfigKey("path", .string, required: true, "The output directory."),
            ConfigKey("format", .string, required: true, allowed: TextFormatConfig.formats, "The file format."),
            ConfigKey("mode", .string, default: "\"errorIfExists\"",
                      allowed: ["errorIfExists", "overwrite", "append", "ignore", "error"],
                      "What to do when the directory already holds files."),
        ] + TextFormatConfig.csvKeys + [
        ] + sinkLayoutKeys,
        example: """
            {
              "type": "load",
              "method": "toFile",
              "config": {
                "inputDataFrames": ["orders"],
                "path": "out/orders",
                "format": "json",
                "mode": "overwrite"
              }
            }
            """,
        build: { context in try plan(context) }
    )

    /// Keys every file sink shares (toFile, toS3): compression and how rows spread over files.
    static let sinkLayoutKeys: [ConfigKey] = [
        TextFormatConfig.compressionKey,
        ConfigKey("partitionBy", .stringList,
                  "Columns whose values name Hive-style directories (`year=2025/month=1/`); they leave the data files."),
        ConfigKey("targetFileSize", .byteSize, default: "\"256MB\"",
                  "A part file is closed once it reaches about this size, so outputs are few, large files (the default applies to Parquet; CSV and JSON write one file per partition unless it is set)."),
        ConfigKey("maxRecordsPerFile", .integer, default: "0", "Rows per part file at most; 0 for no limit."),
    ]

    /// The plan of a file sink step.
    static func plan(_ context: MethodContext) throws -> StepPlan {
        let config = context.config
        let format = try TextFormatConfig.format(from: config, reading: false)
        let modeText = try config.string("mode") ?? "errorIfExists"
        guard let mode = WriteMode(spelling: modeText) else {
            throw config.error("mode", "unknown write mode '\(modeText)'")
        }
        let maxRecords = try config.int("maxRecordsPerFile") ?? 0
        guard maxRecords >= 0 else { throw config.error("maxRecordsPerFile", "maxRecordsPerFile must be 0 or more") }
        // The key's documented default is Parquet's; CSV and JSON write one file unless it is set.
        let targetSize = config.has("targetFileSize") ? try config.byteSize("targetFileSize")
            : (format is ParquetFormat ? 256 * 1024 * 1024 : nil)
        if let targetSize, targetSize < 1024 {
            throw config.error("targetFileSize", "targetFileSize must be at least 1KB, got \(targetSize) bytes")
        }
        let input = try context.input
        let sink = FileSetSink(path: try config.required("path"), format: format, mode: mode, maxRecordsPerFile: maxRecords,
                               partitionBy: try config.stringList("partitionBy") ?? [], targetFileBytes: targetSize,
                               outputFiles: OutputFiles.find(in: input), runId: context.runId, origin: context.origin(of: "path"))
        return StepPlan(output: input, action: .write(WriteNode(input: input, sink: sink, origin: context.origin)))
    }
}
