import SluiceEngine
import SluiceSpec

/// `dropColumns`: removes columns.
enum DropColumns {
    static let descriptor = MethodDescriptor(
        name: "dropColumns",
        type: .transform,
        inputs: .one,
        summary: "Remove the named columns.",
        details: "Unlike Spark's `drop`, a name that does not exist is an error (with the nearest name), so a typo cannot pass unnoticed.",
        keys: [ConfigKey("columns", .stringList, required: true, "The columns to remove.")],
        example: """
            {
              "type": "transform",
              "method": "dropColumns",
              "config": { "columns": ["internal_note"] }
            }
            """,
        build: { context in
            let names = try ExpressionConfig.columnNames(context.config, "columns").map(\.name)
            return StepPlan(output: .project(ProjectNode(input: try context.input, operation: .drop(names), origin: context.origin)))
        }
    )
}
