import SluiceEngine
import SluiceSpec

/// `sortData`: orders rows.
enum SortData {
    static let descriptor = MethodDescriptor(
        name: "sortData",
        type: .transform,
        inputs: .one,
        summary: "Order rows by one or more columns or expressions.",
        details: """
            Each entry of `columns` is a column or expression, optionally followed by `ASC` or `DESC` and \
            `NULLS FIRST` or `NULLS LAST` (`"amount DESC NULLS LAST"`). `ascending: false` makes every key without \
            its own direction descending. Nulls come first in ascending order and last in descending order, as in \
            Spark. Ties keep their input order.
            """,
        keys: [
            ConfigKey("columns", .stringList, required: true, "Sort keys, most significant first."),
            ConfigKey("ascending", .boolean, default: "true", "The direction of keys that do not give their own."),
        ],
        example: """
            {
              "type": "transform",
              "method": "sortData",
              "config": { "columns": ["category", "amount DESC"] }
            }
            """,
        build: { context in
            let ascending = try context.config.bool("ascending") ?? true
            let location = context.config.node["columns"]?.location
            let path = context.config.path(of: "columns").description
            let keys = try (context.config.stringList("columns") ?? []).map { text throws(SluiceError) in
                try ExpressionParser.parseSortKey(text, defaultAscending: ascending, location: location, jsonPath: path)
            }
            if keys.isEmpty { throw context.config.error("columns", "'columns' names no sort key") }
            return StepPlan(output: .sort(SortNode(input: try context.input, keys: keys, origin: context.origin)))
        }
    )
}
