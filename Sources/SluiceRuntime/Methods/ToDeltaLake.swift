import SluiceConnectors
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// `toDeltaLake`: writes a dataset into a Delta Lake table in one atomic commit.
enum ToDeltaLake {
    static let descriptor = MethodDescriptor(
        name: "toDeltaLake",
        type: .load,
        inputs: .one,
        summary: "Write a dataset into a Delta Lake table (created when missing), in one atomic commit.",
        details: """
            Writes Parquet files under the table root, then commits them to the transaction log in one step, \
            with per-file statistics (row count, min, max, null count) that let readers skip files. Until the \
            commit the files are invisible; a failed run leaves the table at its previous version. Concurrent \
            writers are safe: a commit is created only if its version is free, and a writer that loses the race \
            retries on the new version unless the two writes conflict (an error then says which commit won).

            `mode`: `append` adds rows; `overwrite` replaces the table's rows (older versions stay readable by \
            time travel until vacuumed); `errorIfExists` (the default) fails if the table exists; `ignore` \
            writes nothing if it does. The dataset's columns must match the table's: `mergeSchema` adds new \
            columns, `overwriteSchema` (with `overwrite`) replaces the schema and partitioning. A column the \
            dataset lacks is written as nulls; int columns widen into bigint or double ones.

            `optimizeWrite` is how Sluice always writes: each partition gets files of about `targetFileSize`.
            """,
        keys: [
            ConfigKey("path", .string, required: true, "The table's root directory."),
            ConfigKey("mode", .string, default: "\"errorIfExists\"", allowed: ["errorIfExists", "overwrite", "append", "ignore", "error"],
                      "What to do when the table exists."),
            ConfigKey("partitionBy", .stringList, "Partition columns of a new table (must match an existing table's)."),
            ConfigKey("mergeSchema", .boolean, default: "false", "Add the dataset's new columns to the table's schema."),
            ConfigKey("overwriteSchema", .boolean, default: "false", "With mode overwrite: replace the schema and partitioning."),
            ConfigKey("compression", .string, default: "\"snappy\"", allowed: ParquetCompression.allCases.map(\.rawValue) + ["uncompressed", "lz4_raw"],
                      "The compression of the Parquet data files."),
            ConfigKey("targetFileSize", .byteSize, default: "\"256MB\"", "Data files are closed at about this size."),
            ConfigKey("optimizeWrite", .boolean, default: "true", "Write few files of about targetFileSize per partition (always on)."),
        ],
        example: """
            {
              "type": "load",
              "method": "toDeltaLake",
              "config": {"path": "/data/delta/table", "mode": "append", "partitionBy": ["day"], "mergeSchema": "true"}
            }
            """,
        build: { context in
            let config = context.config
            let modeText = try config.string("mode") ?? "errorIfExists"
            guard let mode = WriteMode(spelling: modeText) else { throw config.error("mode", "unknown write mode '\(modeText)'") }
            var options = DeltaTableSink.Options()
            options.partitionBy = try config.stringList("partitionBy")
            options.mergeSchema = try config.bool("mergeSchema") ?? false
            options.overwriteSchema = try config.bool("overwriteSchema") ?? false
            if let text = try config.string("compression") {
                guard let compression = ParquetCompression(name: text) else {
                    throw config.error("compression", "unknown Parquet compression '\(text)'", hint: "one of: none, snappy, gzip, zstd, lz4")
                }
                options.parquet.compression = compression
            }
            if let size = try config.byteSize("targetFileSize") {
                guard size >= 1024 else { throw config.error("targetFileSize", "targetFileSize must be at least 1KB") }
                options.targetFileBytes = size
            }
            if options.overwriteSchema && mode != .overwrite {
                throw config.error("overwriteSchema", "overwriteSchema replaces the table's schema and needs \"mode\": \"overwrite\"")
            }
            let input = try context.input
            let sink = DeltaTableSink(path: try config.required("path"), mode: mode, options: options, runId: context.runId,
                                      origin: context.origin(of: "path"))
            return StepPlan(output: input, action: .write(WriteNode(input: input, sink: sink, origin: context.origin)))
        }
    )
}
