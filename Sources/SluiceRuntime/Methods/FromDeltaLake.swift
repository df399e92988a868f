import SluiceConnectors
import SluiceEngine
import SluiceSpec

/// `fromDeltaLake`: reads a Delta Lake table, at its newest version or by time travel.
enum FromDeltaLake {
    static let descriptor = MethodDescriptor(
        name: "fromDeltaLake",
        type: .extract,
        inputs: .none,
        summary: "Read a Delta Lake table, its newest version or an older one (time travel).",
        details: """
            Reads the table's transaction log (JSON commits and Parquet checkpoints) to find the data files \
            of the version asked for, then reads those Parquet files: only the columns later steps use, and \
            only the files whose partition values and statistics can match the filters after the read.

            `version` (or `versionAsOf`) reads that version; `timestamp` (or `timestampAsOf`, \
            `yyyy-MM-dd[ HH:mm:ss]` in UTC) reads the newest version committed at or before that time. \
            Tables that need features Sluice does not support (deletion vectors, column mapping) are refused \
            with an error naming the feature, never read wrong.
            """,
        keys: [
            ConfigKey("path", .string, required: true, "The table's root directory (the one holding _delta_log)."),
            ConfigKey("version", .integer, "Read this version of the table."),
            ConfigKey("versionAsOf", .integer, "The same as `version`, as Spark spells it."),
            ConfigKey("timestamp", .string, "Read the newest version committed at or before this time (UTC)."),
            ConfigKey("timestampAsOf", .string, "The same as `timestamp`, as Spark spells it."),
        ],
        example: """
            {
              "type": "extract",
              "method": "fromDeltaLake",
              "config": {"path": "lake/orders", "versionAsOf": 3, "registerAs": "orders_v3"}
            }
            """,
        build: { context in
            let config = context.config
            let version = try config.int("version") ?? config.int("versionAsOf")
            let timestampKey = config.has("timestamp") ? "timestamp" : "timestampAsOf"
            let timestamp = try config.string(timestampKey)
            if version != nil, timestamp != nil {
                throw config.error(timestampKey, "give either a version or a timestamp to time travel, not both")
            }
            var selector = DeltaVersionSelector.latest
            if let version {
                guard version >= 0 else { throw config.error(config.has("version") ? "version" : "versionAsOf", "a version is 0 or more") }
                selector = .version(Int64(version))
            }
            if let timestamp {
                guard let micros = Temporal.parseTimestamp(timestamp) ?? Temporal.parseDate(timestamp).map({ Int64($0) * 86_400_000_000 }) else {
                    throw config.error(timestampKey, "'\(timestamp)' is not a timestamp", hint: "write it as yyyy-MM-dd or yyyy-MM-dd HH:mm:ss (UTC)")
                }
                selector = .timestamp(micros / 1000)
            }
            let source = DeltaTableSource(path: try config.required("path"), selector: selector, origin: context.origin(of: "path"))
            return StepPlan(output: .scan(ScanNode(source: source, origin: context.origin)))
        }
    )
}
