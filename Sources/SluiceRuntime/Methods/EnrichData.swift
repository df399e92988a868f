import SluiceEngine
import SluiceSpec

/// `enrichData`: adds computed columns.
enum EnrichData {
    static let descriptor = MethodDescriptor(
        name: "enrichData",
        type: .transform,
        inputs: .one,
        summary: "Add or replace columns computed from Spark SQL expressions.",
        details: """
            `columns` maps each new column's name to an expression over the input's columns, in order; a later \
            column may not refer to an earlier one in the same step. A name that already exists is replaced in \
            place, as Spark's `withColumn` does.
            """,
        keys: [ConfigKey("columns", .stringMap, required: true, "Column name → Spark SQL expression.")],
        example: """
            {
              "type": "transform",
              "method": "enrichData",
              "config": { "columns": { "total": "amount * quantity", "big": "amount > 100" } }
            }
            """,
        build: { context in
            let columns = try ExpressionConfig.namedExpressions(context.config, "columns")
            return StepPlan(output: .project(ProjectNode(input: try context.input, operation: .withColumns(columns),
                                                         origin: context.origin)))
        }
    )
}
