import SluiceEngine
import SluiceSpec

/// `filterRows`: keeps the rows matching a condition.
enum FilterRows {
    static let descriptor = MethodDescriptor(
        name: "filterRows",
        type: .transform,
        inputs: .one,
        summary: "Keep the rows for which a condition is true.",
        details: """
            `condition` is a Spark SQL boolean expression over the input's columns, e.g. \
            `status = 'completed' AND amount > 50`. Rows where it is false or null are dropped.
            """,
        keys: [ConfigKey("condition", .string, required: true, "A Spark SQL boolean expression.")],
        example: """
            {
              "type": "transform",
              "method": "filterRows",
              "config": { "condition": "status = 'completed' AND amount > 50" }
            }
            """,
        build: { context in
            let condition = try ExpressionConfig.expression(context.config, "condition")
            return StepPlan(output: .filter(FilterNode(input: try context.input, condition: condition, origin: context.origin)))
        }
    )
}
