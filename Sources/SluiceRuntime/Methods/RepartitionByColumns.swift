import Foundation
import SluiceEngine
import SluiceSpec

/// `repartitionByColumns`: files by the values of columns.
enum RepartitionByColumns {
    static let descriptor = MethodDescriptor(
        name: "repartitionByColumns",
        type: .transform,
        inputs: .one,
        summary: "Write each value of the given columns to one file only: numPartitions files, by hash.",
        details: """
            Like `repartition` with `columns`: the next file write makes `numPartitions` files (per \
            `partitionBy` directory), and all rows with the same values of `columns` land in the same file. \
            Without `numPartitions`, there are as many files as cores.
            """,
        keys: [
            ConfigKey("columns", .stringList, required: true, "The columns whose values decide each row's file."),
            ConfigKey("numPartitions", .integer, "How many files (default: the number of cores)."),
        ],
        example: """
            {
              "type": "transform",
              "method": "repartitionByColumns",
              "config": { "columns": ["customer_id"], "numPartitions": 16 }
            }
            """,
        build: { context in
            let count = try Repartition.partitionCount(context.config, default: ProcessInfo.processInfo.activeProcessorCount)
            guard let columns = try context.config.stringList("columns"), !columns.isEmpty else {
                throw context.config.error("columns", "columns must name at least one column")
            }
            return try Repartition.hint(.hashed(columns: columns, count: count), context: context)
        }
    )
}
