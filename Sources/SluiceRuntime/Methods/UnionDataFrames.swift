import SluiceEngine
import SluiceSpec

/// `unionDataFrames`: the rows of several datasets.
enum UnionDataFrames {
    static let descriptor = MethodDescriptor(
        name: "unionDataFrames",
        type: .transform,
        inputs: .many,
        summary: "Stack the rows of several datasets, matching columns by name.",
        details: """
            Every dataset in `inputDataFrames` must have the first one's columns (in any order); types widen to one \
            that holds them all (INT and DOUBLE give DOUBLE). With `distinct`, repeated rows are dropped.
            """,
        keys: [ConfigKey("distinct", .boolean, default: "false", "Drop repeated rows from the result.")],
        example: """
            {
              "type": "transform",
              "method": "unionDataFrames",
              "config": { "inputDataFrames": ["orders_2024", "orders_2025"], "distinct": false }
            }
            """,
        build: { context in
            guard context.inputs.count >= 2 else {
                throw SluiceError(.invalidValue, "unionDataFrames needs at least two inputDataFrames, got \(context.inputs.count)",
                                  location: context.step.location, jsonPath: context.step.path.appending("inputDataFrames").description)
            }
            let union = LogicalPlan.union(UnionNode(inputs: context.inputs, origin: context.origin))
            guard try context.config.bool("distinct") == true else { return StepPlan(output: union) }
            return StepPlan(output: .distinct(DistinctNode(input: union, columns: nil, origin: context.origin)))
        }
    )
}
