import SluiceEngine
import SluiceSpec

/// `coalesce`: at most N files from the next write.
enum Coalesce {
    static let descriptor = MethodDescriptor(
        name: "coalesce",
        type: .transform,
        inputs: .one,
        summary: "Make the next write produce at most numPartitions files, without moving rows between them.",
        details: """
            The cure for too many small files: the next `toFile`, `toS3`, `toAvro` or `toDeltaLake` writes at most \
            `numPartitions` files (per `partitionBy` directory), whole batches of rows going to each in turn; \
            `coalesce` with 1 writes one file. Files are then not cut by `targetFileSize`; \
            `maxRecordsPerFile` still applies.
            """,
        keys: [ConfigKey("numPartitions", .integer, required: true, "The most files (1 or more).")],
        example: """
            {
              "type": "transform",
              "method": "coalesce",
              "config": { "numPartitions": 1 }
            }
            """,
        build: { context in
            try Repartition.hint(.coalesced(try Repartition.partitionCount(context.config, default: nil)), context: context)
        }
    )
}
