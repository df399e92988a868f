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

            `replaceWhere` (with `overwrite`) replaces only the partitions whose values satisfy the condition \
            (`day >= '2025-01-01' AND day < '2025-02-01'`); every written row must satisfy it too, or the run \
            fails and the table is unchanged.

            `txnAppId` with `txnVersion` makes a write idempotent: the commit records the application's \
            version, and a write whose version the table already holds for that application writes nothing \
            (a retried micro-batch commits once).

            `mode: merge` with `mergeKeys` upserts: a table row whose keys match an incoming row is replaced by \
            it, the other incoming rows are inserted, in one commit that rewrites only the files holding matched \
            rows. Null keys never match; incoming rows repeating a key are an error.

            `optimizeWrite` is how Sluice always writes: each partition gets files of about `targetFileSize`. \
            `autoCompact` follows the commit with an OPTIMIZE of the partitions that hold several files smaller \
            than 3/4 of the target, in a second commit that changes no data; if another writer gets in its way, \
            the data commit stands and a later write compacts.
            """,
        keys: [
            ConfigKey("path", .string, required: true, "The table's root directory."),
            ConfigKey("mode", .string, default: "\"errorIfExists\"", allowed: ["errorIfExists", "overwrite", "append", "ignore", "error", "merge"],
                      "What to do when the table exists; `merge` upserts by `mergeKeys`."),
            ConfigKey("mergeKeys", .stringList, "With mode merge: the columns that identify a row."),
            ConfigKey("replaceWhere", .string, "With mode overwrite: replace only the partitions satisfying this condition on partition columns."),
            ConfigKey("txnAppId", .string, "An application id for exactly-once writes (with txnVersion)."),
            ConfigKey("txnVersion", .integer, "This write's version for txnAppId: skipped when the table already holds it."),
            ConfigKey("partitionBy", .stringList, "Partition columns of a new table (must match an existing table's)."),
            ConfigKey("mergeSchema", .boolean, default: "false", "Add the dataset's new columns to the table's schema."),
            ConfigKey("overwriteSchema", .boolean, default: "false", "With mode overwrite: replace the schema and partitioning."),
            ConfigKey("compression", .string, default: "\"snappy\"", allowed: ParquetCompression.allCases.map(\.rawValue) + ["uncompressed", "lz4_raw"],
                      "The compression of the Parquet data files."),
            ConfigKey("targetFileSize", .byteSize, default: "\"256MB\"", "Data files are closed at about this size."),
            ConfigKey("optimizeWrite", .boolean, default: "true", "Write few files of about targetFileSize per partition (always on)."),
            ConfigKey("autoCompact", .boolean, default: "false", "After the commit, compact partitions that hold several small files (a second, data-neutral commit)."),
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
            let merging = modeText.lowercased() == "merge"
            guard let mode = merging ? .append : WriteMode(spelling: modeText) else { throw config.error("mode", "unknown write mode '\(modeText)'") }
            let mergeKeys = try config.stringList("mergeKeys") ?? []
            if merging, mergeKeys.isEmpty {
                throw config.error("mode", "mode merge needs \"mergeKeys\": the columns that identify a row", hint: "add \"mergeKeys\": [\"id\"]")
            }
            if !merging, !mergeKeys.isEmpty {
                throw config.error("mergeKeys", "mergeKeys apply to mode merge only", hint: "set \"mode\": \"merge\" or remove mergeKeys")
            }
            var options = DeltaTableSink.Options()
            options.partitionBy = try config.stringList("partitionBy")
            options.mergeSchema = try config.bool("mergeSchema") ?? false
            options.overwriteSchema = try config.bool("overwriteSchema") ?? false
            options.autoCompact = try config.bool("autoCompact") ?? false
            if let text = try config.string("replaceWhere") {
                let condition = try ExpressionParser.parse(text, location: config.node["replaceWhere"]?.location,
                                                           jsonPath: config.path(of: "replaceWhere").description)
                options.replaceWhere = (condition, text)
            }
            switch (try config.string("txnAppId"), try config.int("txnVersion")) {
            case (let appId?, let version?): options.transaction = (appId, Int64(version))
            case (nil, nil): break
            default: throw config.error(config.has("txnAppId") ? "txnAppId" : "txnVersion", "txnAppId and txnVersion go together")
            }
            options.parquet.compression = try TextFormatConfig.parquetCompression(config) ?? options.parquet.compression
            if let size = try config.byteSize("targetFileSize") {
                guard size >= 1024 else { throw config.error("targetFileSize", "targetFileSize must be at least 1KB") }
                options.targetFileBytes = size
            }
            if options.overwriteSchema && mode != .overwrite {
                throw config.error("overwriteSchema", "overwriteSchema replaces the table's schema and needs \"mode\": \"overwrite\"")
            }
            let input = try context.input
            options.outputFiles = OutputFiles.find(in: input)
            if merging, let key = ["txnAppId", "txnVersion", "replaceWhere", "overwriteSchema"].first(where: config.has) {
                throw config.error(key, "'\(key)' does not apply to mode merge", hint: "remove '\(key)' from the merge step")
            }
            let path = try config.required("path")
            let sink: any Sink = merging
                ? DeltaMergeSink(path: path, keys: mergeKeys, options: options, runId: context.runId, origin: context.origin(of: "path"))
                : DeltaTableSink(path: path, mode: mode, options: options, runId: context.runId, origin: context.origin(of: "path"))
            return StepPlan(output: input, action: .write(WriteNode(input: input, sink: sink, origin: context.origin)))
        }
    )
}
