import SluiceEngine
import SluiceSpec

/// `repartition`: the number of files the next file write makes.
enum Repartition {
    static let descriptor = MethodDescriptor(
        name: "repartition",
        type: .transform,
        inputs: .one,
        summary: "Set how many files the next write makes: numPartitions, rows dealt evenly (or by columns).",
        details: """
            Sluice's engine uses every core whatever the partitioning, so a repartition changes no rows and \
            costs nothing: it sets the shape of the output, as it does in Spark. A later `toFile`, `toS3`, \
            `toAvro` or `toDeltaLake` (after steps that keep rows in place: filters, column changes, caches) writes \
            `numPartitions` files (per `partitionBy` directory), the rows dealt out evenly; with `columns`, each \
            value of those columns goes to one file only (as `repartitionByColumns`). Files are then not cut \
            by `targetFileSize`; `maxRecordsPerFile` still applies.
            """,
        keys: [
            ConfigKey("numPartitions", .integer, required: true, "How many files (1 or more)."),
            ConfigKey("columns", .stringList, "Columns whose values decide the file of each row (optional)."),
        ],
        example: """
            {
              "type": "transform",
              "method": "repartition",
              "config": { "numPartitions": 8 }
            }
            """,
        build: { context in
            let count = try partitionCount(context.config, default: nil)
            let columns = try context.config.stringList("columns") ?? []
            let files: OutputFiles = columns.isEmpty ? .roundRobin(count) : .hashed(columns: columns, count: count)
            return try hint(files, context: context)
        }
    )

    /// `numPartitions`, checked (`fallback` when absent; required when nil).
    static func partitionCount(_ config: ConfigReader, default fallback: Int?) throws(SluiceError) -> Int {
        guard let count = try config.int("numPartitions") ?? fallback else {
            throw config.error("numPartitions", "numPartitions is required")
        }
        guard (1...100_000).contains(count) else {
            throw config.error("numPartitions", "numPartitions must be between 1 and 100000, got \(count)")
        }
        return count
    }

    /// The step: the input unchanged, carrying `files` to the next write.
    static func hint(_ files: OutputFiles, context: MethodContext) throws -> StepPlan {
        let node = StreamTransformNode(input: try context.input, label: "Output as \(files)", origin: context.origin,
                                       outputFiles: files) { $0 }
        return StepPlan(output: .transform(node))
    }
}
