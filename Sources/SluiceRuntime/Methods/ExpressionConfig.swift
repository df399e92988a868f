import SluiceEngine
import SluiceSpec

/// Reads expressions out of step configs, so syntax errors are found when the plan is
/// built (`sluice validate` reports them) and point at the value in the pipeline file.
enum ExpressionConfig {
    /// The expression written under `key`, with where it is written.
    static func expression(_ config: ConfigReader, _ key: String) throws -> NamedExpression {
        let text = try config.required(key)
        let location = config.node[key]?.location
        let path = config.path(of: key).description
        return NamedExpression(name: key, expression: try ExpressionParser.parse(text, location: location, jsonPath: path),
                               location: location, jsonPath: path)
    }

    /// `{name: expression}` pairs in file order.
    static func namedExpressions(_ config: ConfigReader, _ key: String) throws -> [NamedExpression] {
        var diagnostics = Diagnostics()
        var result: [NamedExpression] = []
        for member in try config.members(key) ?? [] {
            let path = config.path(of: key).appending(member.key)
            do {
                let text = try member.value.string(at: path)
                let expression = try ExpressionParser.parse(text, location: member.value.location, jsonPath: path.description)
                result.append(NamedExpression(name: member.key, expression: expression, location: member.value.location,
                                              jsonPath: path.description))
            } catch {
                diagnostics.report(error)
            }
        }
        try diagnostics.throwIfAny()
        if result.isEmpty { throw config.error(key, "'\(key)' names no columns") }
        return result
    }

    /// Column names, each possibly qualified (`orders.amount`) or backquoted.
    static func columnNames(_ config: ConfigReader, _ key: String) throws -> [(name: String, expression: Expression)] {
        let names = try config.stringList(key) ?? []
        if names.isEmpty { throw config.error(key, "'\(key)' names no columns") }
        return try names.map { name in
            let parsed = try? ExpressionParser.parse(name)
            if case .column(let column, _) = parsed { return (column, parsed!) }
            if parsed == nil, !name.isEmpty { return (name, .column(name: name, qualifier: nil)) }
            throw config.error(key, "'\(name)' is not a column name", hint: "use enrichData to compute columns from expressions")
        }
    }
}
