import SluiceEngine
import SluiceSpec

/// `selectColumns`: keeps some columns, in a given order.
enum SelectColumns {
    static let descriptor = MethodDescriptor(
        name: "selectColumns",
        type: .transform,
        inputs: .one,
        summary: "Keep only the named columns, in the order given.",
        details: "A name that does not exist fails the run with the list of columns and the nearest name.",
        keys: [ConfigKey("columns", .stringList, required: true, "The columns to keep.")],
        example: """
            {
              "type": "transform",
              "method": "selectColumns",
              "config": { "columns": ["order_id", "amount"] }
            }
            """,
        build: { context in
            let columns = try ExpressionConfig.columnNames(context.config, "columns")
                .map { NamedExpression(name: $0.name, expression: $0.expression) }
            return StepPlan(output: .project(ProjectNode(input: try context.input, operation: .select(columns), origin: context.origin)))
        }
    )
}
