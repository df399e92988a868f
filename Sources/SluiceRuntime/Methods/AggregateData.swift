import SluiceEngine
import SluiceSpec

/// `aggregateData`: groups rows and computes aggregates per group.
enum AggregateData {
    static let descriptor = MethodDescriptor(
        name: "aggregateData",
        type: .transform,
        inputs: .one,
        summary: "Group rows by columns and compute sums, averages, counts and more per group.",
        details: """
            `aggregations` accepts both shapes the original application's files use. Column → function: \
            `{"amount": "sum"}` gives the column `amount_sum` (a list, `{"amount": ["sum", "avg"]}`, gives one column \
            per function). Output name → aggregate expression: `{"total": "sum(amount)"}`, with any expression as the \
            argument (`sum(CASE WHEN status = 'completed' THEN amount END)`), `count(*)`, and `DISTINCT` \
            (`count(DISTINCT customer_id)`).

            Functions: `sum`, `avg` (`mean`), `count`, `min`, `max`, `first`, `last`, `stddev` (`stddev_samp`), \
            `variance` (`var_samp`), `collect_list` (an ARRAY of the values, in input order) and `collect_set` (an \
            ARRAY of the distinct values, in order of first appearance). Nulls are skipped; an aggregate over no values \
            is null, except `count`, which is 0, and `collect_list` and `collect_set`, which give an empty array. \
            Without `groupBy` the whole input is one group. Groups come out in order of first appearance.
            """,
        keys: [
            ConfigKey("groupBy", .stringList, "The grouping columns; none aggregates the whole input into one row."),
            ConfigKey("aggregations", .object, required: true,
                      "Column → function (or list of functions), or output name → aggregate expression."),
        ],
        example: """
            {
              "type": "transform",
              "method": "aggregateData",
              "config": {
                "groupBy": ["category", "status"],
                "aggregations": { "amount": ["sum", "avg"], "orders": "count(*)", "biggest": "max(amount)" }
              }
            }
            """,
        build: { context in
            let config = context.config
            let keys = try config.has("groupBy") ? ExpressionConfig.columnNames(config, "groupBy") : []
            var diagnostics = Diagnostics()
            var aggregates: [AggregateExpression] = []
            for member in try config.members("aggregations") ?? [] {
                do {
                    aggregates += try aggregations(member, path: config.path(of: "aggregations").appending(member.key))
                } catch {
                    diagnostics.report(any: error)
                }
            }
            try diagnostics.throwIfAny()
            if aggregates.isEmpty { throw config.error("aggregations", "'aggregations' names no aggregate") }
            let node = AggregateNode(input: try context.input,
                                     groupBy: keys.map { NamedExpression(name: $0.name, expression: $0.expression) },
                                     aggregates: aggregates, origin: context.origin)
            return StepPlan(output: .aggregate(node))
        }
    )

    /// The aggregates one member of `aggregations` asks for.
    static func aggregations(_ member: JSONMember, path: JSONPath) throws -> [AggregateExpression] {
        let texts: [(String, JSONNode, JSONPath)]
        if let elements = member.value.elements {
            texts = try elements.enumerated().map { index, element in
                (try element.string(at: path.appending(index: index)), element, path.appending(index: index))
            }
        } else {
            texts = [(try member.value.string(at: path), member.value, path)]
        }
        return try texts.map { text, node, path in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let function = AggregateFunction(name: trimmed) {
                // Column → function: the output is named column_function, as the original application names it.
                return AggregateExpression(name: "\(member.key)_\(trimmed.lowercased())", function: function,
                                           argument: .column(name: member.key, qualifier: nil),
                                           location: node.location, jsonPath: path.description)
            }
            let expression = try ExpressionParser.parse(text, location: node.location, jsonPath: path.description)
            guard case .function(let name, let arguments, let distinct) = expression, let function = AggregateFunction(name: name) else {
                throw SluiceError(.invalidValue, "'\(text)' is not an aggregate function or a call of one",
                                  location: node.location, jsonPath: path.description,
                                  hint: NameSuggester.hint(for: trimmed.prefix { $0 != "(" }.lowercased(), in: AggregateFunction.names)
                                      ?? "write a function name (\"sum\") or a call (\"sum(amount)\"); functions: \(AggregateFunction.names.joined(separator: ", "))")
            }
            guard arguments.count == 1 else {
                throw SluiceError(.invalidValue, "\(name) takes one argument, got \(arguments.count)", location: node.location,
                                  jsonPath: path.description)
            }
            if arguments[0] == .star, function != .count {
                throw SluiceError(.invalidValue, "only count accepts *", location: node.location, jsonPath: path.description)
            }
            return AggregateExpression(name: member.key, function: function, argument: arguments[0] == .star ? nil : arguments[0],
                                       distinct: distinct, location: node.location, jsonPath: path.description)
        }
    }
}

import Foundation
