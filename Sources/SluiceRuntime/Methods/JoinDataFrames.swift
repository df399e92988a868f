import SluiceEngine
import SluiceSpec

/// `joinDataFrames`: joins two datasets on equal keys.
enum JoinDataFrames {
    static let descriptor = MethodDescriptor(
        name: "joinDataFrames",
        type: .transform,
        inputs: .many,
        summary: "Join two datasets on equal keys (inner, left, right, full, left_semi, left_anti).",
        details: """
            `inputDataFrames` names the left and the right dataset. The keys are given one of three ways: \
            `joinColumn` (a column, or a list, present on both sides, as Spark's `join(df, "id")`), `leftKeys` with \
            `rightKeys` (pairwise equal), or `joinConditions` (equalities such as `orders.customer_id = \
            customers.customer_id`, qualified by the dataset names, ANDed; unqualified, the first column is the left \
            one). A key with the same name on both sides appears once in the output. Null keys never match.

            The output has the left columns, then the right ones; `left_semi` and `left_anti` keep only the left \
            columns of the rows that do, or do not, have a match. Two other columns with the same name are an \
            error: rename or drop one first.

            The right dataset is held in memory. When it outgrows `--memory-limit`, both datasets are split by a \
            hash of the keys into temporary files and joined part by part: the same rows, in another order.
            """,
        keys: [
            ConfigKey("joinType", .string, default: "\"inner\"",
                      allowed: ["inner", "left", "left_outer", "right", "right_outer", "full", "full_outer", "outer",
                                "left_semi", "semi", "left_anti", "anti"], "How unmatched rows are treated."),
            ConfigKey("joinColumn", .stringList, "Key column(s) with the same name on both sides."),
            ConfigKey("leftKeys", .stringList, "Key columns of the left dataset (with rightKeys)."),
            ConfigKey("rightKeys", .stringList, "Key columns of the right dataset (with leftKeys)."),
            ConfigKey("joinConditions", .stringList, "Key equalities, e.g. \"orders.customer_id = customers.customer_id\"."),
        ],
        example: """
            {
              "type": "transform",
              "method": "joinDataFrames",
              "config": {
                "inputDataFrames": ["orders", "customers"],
                "joinType": "left",
                "joinConditions": ["orders.customer_id = customers.customer_id"]
              }
            }
            """,
        build: { context in
            let config = context.config
            guard context.inputs.count == 2 else {
                throw SluiceError(.invalidValue, "joinDataFrames needs exactly two inputDataFrames (left and right), got \(context.inputs.count)",
                                  location: context.step.location, jsonPath: context.step.path.appending("inputDataFrames").description)
            }
            let typeText = try config.string("joinType") ?? "inner"
            guard let type = JoinNode.JoinType(spelling: typeText) else { throw config.error("joinType", "unknown join type '\(typeText)'") }
            let (leftKeys, rightKeys) = try keys(config, names: context.step.inputDataFrames)
            let merged = JoinKeys.mergedNames(leftKeys, rightKeys)
            let node = JoinNode(left: context.inputs[0], right: context.inputs[1], type: type, leftKeys: leftKeys,
                                rightKeys: rightKeys, mergedKeyNames: merged, origin: context.origin)
            return StepPlan(output: .join(node))
        }
    )

    /// The left and right key expressions, from whichever of the three forms is given.
    static func keys(_ config: ConfigReader, names: [String]) throws -> ([Expression], [Expression]) {
        let forms = ["joinColumn", "leftKeys", "joinConditions"].filter(config.has)
        guard forms.count == 1 else {
            throw SluiceError(.missingKey, forms.isEmpty ? "joinDataFrames needs its keys" : "give the keys one way only, not \(forms.joined(separator: " and "))",
                              location: config.node.location, jsonPath: config.basePath.description,
                              hint: "use joinColumn, leftKeys with rightKeys, or joinConditions")
        }
        switch forms[0] {
        case "joinColumn":
            let columns = try ExpressionConfig.columnNames(config, "joinColumn").map(\.expression)
            return (columns, columns)
        case "leftKeys":
            let left = try ExpressionConfig.columnNames(config, "leftKeys").map(\.expression)
            guard config.has("rightKeys") else { throw config.error("leftKeys", "leftKeys needs rightKeys beside it") }
            let right = try ExpressionConfig.columnNames(config, "rightKeys").map(\.expression)
            guard left.count == right.count else {
                throw config.error("rightKeys", "leftKeys has \(left.count) columns but rightKeys has \(right.count)")
            }
            return (left, right)
        default:
            return try conditions(config, names: names)
        }
    }

    /// `a.x = b.y AND ...` equalities, each side placed by its qualifier (the dataset names).
    static func conditions(_ config: ConfigReader, names: [String]) throws -> ([Expression], [Expression]) {
        let location = config.node["joinConditions"]?.location
        let path = config.path(of: "joinConditions").description
        var left: [Expression] = []
        var right: [Expression] = []
        for text in try config.stringList("joinConditions") ?? [] {
            let condition = try ExpressionParser.parse(text, location: location, jsonPath: path)
            do {
                let keys = try JoinKeys.split(condition, leftNames: Set(names.prefix(1).map { $0.lowercased() }),
                                              rightName: names.count > 1 ? names[1] : nil)
                left += keys.left
                right += keys.right
            } catch {
                throw config.error("joinConditions", error.message, hint: error.hint)
            }
        }
        return (left, right)
    }
}
