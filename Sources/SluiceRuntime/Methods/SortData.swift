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
            let keys = try (context.config.stringList("columns") ?? []).map { try key($0, ascending: ascending, location: location, path: path) }
            if keys.isEmpty { throw context.config.error("columns", "'columns' names no sort key") }
            return StepPlan(output: .sort(SortNode(input: try context.input, keys: keys, origin: context.origin)))
        }
    )

    /// `expression [ASC|DESC] [NULLS FIRST|LAST]`.
    static func key(_ text: String, ascending defaultAscending: Bool, location: SourceLocation?, path: String) throws -> SortNode.Key {
        var words = text.split(separator: " ").map(String.init)
        var nullsFirst: Bool?
        if words.count >= 2, words[words.count - 2].uppercased() == "NULLS" {
            switch words.last!.uppercased() {
            case "FIRST": nullsFirst = true
            case "LAST": nullsFirst = false
            default: throw SluiceError(.invalidValue, "expected FIRST or LAST after NULLS in '\(text)'", location: location, jsonPath: path)
            }
            words.removeLast(2)
        }
        var ascending = defaultAscending
        if let last = words.last?.uppercased(), last == "ASC" || last == "DESC" {
            ascending = last == "ASC"
            words.removeLast()
        }
        let expression = try ExpressionParser.parse(words.joined(separator: " "), location: location, jsonPath: path)
        return SortNode.Key(expression: expression, ascending: ascending, nullsFirst: nullsFirst)
    }
}

import Foundation
