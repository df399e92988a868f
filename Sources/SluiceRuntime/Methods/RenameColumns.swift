import SluiceEngine
import SluiceSpec

/// `renameColumns`: renames columns.
enum RenameColumns {
    static let descriptor = MethodDescriptor(
        name: "renameColumns",
        type: .transform,
        inputs: .one,
        summary: "Rename columns (old name → new name).",
        details: "Columns keep their position. Renaming onto an existing name is an error.",
        keys: [ConfigKey("columns", .stringMap, required: true, "Old name → new name.")],
        example: """
            {
              "type": "transform",
              "method": "renameColumns",
              "config": { "columns": { "amt": "amount", "cust": "customer_id" } }
            }
            """,
        build: { context in
            let pairs = try (context.config.members("columns") ?? []).map { member in
                (from: member.key, to: try member.value.string(at: context.config.path(of: "columns").appending(member.key)))
            }
            if pairs.isEmpty { throw context.config.error("columns", "'columns' names no columns") }
            return StepPlan(output: .project(ProjectNode(input: try context.input, operation: .rename(pairs), origin: context.origin)))
        }
    )
}
