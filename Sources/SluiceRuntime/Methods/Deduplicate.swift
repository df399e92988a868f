import SluiceEngine
import SluiceSpec

/// `deduplicate`: drops repeated rows.
enum Deduplicate {
    static let descriptor = MethodDescriptor(
        name: "deduplicate",
        type: .transform,
        inputs: .one,
        summary: "Drop rows whose columns repeat an earlier row's (all columns, or the ones named).",
        details: """
            With `columns`, rows are duplicates when those columns are equal (Spark's `dropDuplicates(subset)`); \
            without, when every column is. The first row of each group of duplicates is kept, in input order. \
            Nulls count as equal to each other here. When the distinct keys outgrow `--memory-limit`, the rest of \
            the rows are deduplicated through temporary files: still the first row of each group, but those rows \
            come out grouped by a hash of their key rather than in input order.
            """,
        keys: [ConfigKey("columns", .stringList, "The columns that decide duplicates; all columns if absent.")],
        example: """
            {
              "type": "transform",
              "method": "deduplicate",
              "config": { "columns": ["order_id"] }
            }
            """,
        build: { context in
            let columns = try context.config.has("columns") ? ExpressionConfig.columnNames(context.config, "columns").map(\.name) : nil
            return StepPlan(output: .distinct(DistinctNode(input: try context.input, columns: columns, origin: context.origin)))
        }
    )
}
