import SluiceConnectors
import SluiceEngine
import SluiceSpec

/// `deltaMaintenance`: OPTIMIZE (with ZORDER BY) and VACUUM a Delta table from a pipeline.
enum DeltaMaintenance {
    static let descriptor = MethodDescriptor(
        name: "deltaMaintenance",
        type: .load,
        inputs: .none,
        summary: "Optimize (compact, Z-order) and vacuum a Delta Lake table, as a maintenance pipeline step.",
        details: """
            Runs when the pipeline commits, after the steps before it. `operation` is `optimize`, `vacuum`, or \
            both (`["optimize", "vacuum"]`, in that order). OPTIMIZE rewrites each partition's small files into \
            files of about `targetFileSize`, or with `zOrderBy` all of a partition's files sorted along a Z-order \
            curve; its commit changes no data. VACUUM deletes files the newest version has not used for \
            `retentionHours` (168 by default; less needs `force`). The same as `sluice delta optimize|vacuum`.
            """,
        keys: [
            ConfigKey("path", .string, required: true, "The table's root directory."),
            ConfigKey("operation", .stringList, required: true, allowed: ["optimize", "vacuum"], "What to run, in order."),
            ConfigKey("zOrderBy", .stringList, "OPTIMIZE: Z-order each partition by these columns."),
            ConfigKey("targetFileSize", .byteSize, default: "\"256MB\"", "OPTIMIZE: the size files are compacted to."),
            ConfigKey("retentionHours", .number, default: "168", "VACUUM: keep files unused for less than this."),
            ConfigKey("force", .boolean, default: "false", "VACUUM: allow a retention under 168 hours."),
        ],
        example: """
            {
              "type": "load",
              "method": "deltaMaintenance",
              "config": {"path": "/path/to/table", "operation": ["optimize", "vacuum"], "zOrderBy": ["user_id", "date"]}
            }
            """,
        build: { context in
            let config = context.config
            var operations: [DeltaMaintenanceSink.Operation] = []
            for name in try config.stringList("operation") ?? [] {
                switch name.lowercased() {
                case "optimize":
                    let target = try config.byteSize("targetFileSize") ?? 256 * 1024 * 1024
                    operations.append(.optimize(zOrderBy: try config.stringList("zOrderBy") ?? [], targetFileBytes: target))
                case "vacuum":
                    operations.append(.vacuum(retentionHours: try config.double("retentionHours") ?? 168, force: try config.bool("force") ?? false))
                default:
                    throw config.error("operation", "unknown maintenance operation '\(name)'", hint: "optimize or vacuum")
                }
            }
            let input = LogicalPlan.scan(ScanNode(source: EmptySource(), origin: context.origin))
            let sink = DeltaMaintenanceSink(path: try config.required("path"), operations: operations)
            return StepPlan(output: input, action: .write(WriteNode(input: input, sink: sink, origin: context.origin)))
        }
    )
}
