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
            place, as Spark's `withColumn` does. Window functions are allowed: `row_number() OVER (PARTITION BY \
            customer_id ORDER BY order_ts DESC)`, `rank`, `dense_rank`, `lag(x[, n[, default]])`, `lead`, and \
            `sum`/`avg`/`count`/`min`/`max` over a window (a running total with ORDER BY, the whole partition without).
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
            let (input, rewritten, windowColumns) = WindowPlanning.extract(columns, input: try context.input, origin: context.origin)
            var output = LogicalPlan.project(ProjectNode(input: input, operation: .withColumns(rewritten), origin: context.origin))
            if !windowColumns.isEmpty {
                output = .project(ProjectNode(input: output, operation: .drop(windowColumns), origin: context.origin))
            }
            return StepPlan(output: output)
        }
    )
}
