import SluiceEngine
import SluiceSpec

/// `limitRows`: keeps the first rows.
enum LimitRows {
    static let descriptor = MethodDescriptor(
        name: "limitRows",
        type: .transform,
        inputs: .one,
        summary: "Keep only the first N rows.",
        details: "Reading stops once `limit` rows went through. \"First\" is the input's order: sort before limiting for a top-N.",
        keys: [ConfigKey("limit", .integer, required: true, "How many rows to keep (0 or more).")],
        example: """
            {
              "type": "transform",
              "method": "limitRows",
              "config": { "limit": 100 }
            }
            """,
        build: { context in
            let limit = try context.config.int("limit") ?? 0
            guard limit >= 0 else { throw context.config.error("limit", "limit must be 0 or more, got \(limit)") }
            return StepPlan(output: .limit(LimitNode(input: try context.input, count: limit, origin: context.origin)))
        }
    )
}
