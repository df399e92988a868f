/// Replaces `${name}`, `${env:NAME}` and the runtime variables in every string value of a
/// document. `$${` writes a literal `${`. An unknown variable is an error at the string
/// that uses it, naming the nearest known variable.
struct VariableSubstitution {
    /// Named values, already merged in precedence order.
    let values: [String: String]
    let environment: [String: String]
    let uses: VariableUses?

    /// Builds the values: `--var` first, then the run's values, then the file's `variables`.
    init(context: VariableContext, fileVariables: [String: String]) {
        values = context.cliVariables
            .merging(context.runtime) { cli, _ in cli }
            .merging(fileVariables) { known, _ in known }
        environment = context.environment
        uses = context.uses
    }

    /// `node` with every string value expanded; problems go to `diagnostics`.
    func substitute(_ node: JSONNode, path: JSONPath, diagnostics: inout Diagnostics) -> JSONNode {
        switch node.value {
        case .string(let text):
            guard text.contains("$") else { return node }
            do {
                return JSONNode(.string(try expand(text, at: node.location, path: path)), at: node.location)
            } catch {
                diagnostics.report(error)
                return node
            }
        case .array(let elements):
            return JSONNode(.array(elements.enumerated().map {
                substitute($1, path: path.appending(index: $0), diagnostics: &diagnostics)
            }), at: node.location)
        case .object(let members):
            return JSONNode(.object(members.map { member in
                JSONMember(key: member.key, keyLocation: member.keyLocation,
                           value: substitute(member.value, path: path.appending(member.key), diagnostics: &diagnostics))
            }), at: node.location)
        default:
            return node
        }
    }

    /// `text` with its variables replaced.
    func expand(_ text: String, at location: SourceLocation, path: JSONPath) throws(SluiceError) -> String {
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let afterDollar = rest[rest.index(after: dollar)...]
            if afterDollar.hasPrefix("${") {  // `$${` is a literal `${`
                output += "${"
                rest = afterDollar.dropFirst(2)
                continue
            }
            guard afterDollar.hasPrefix("{") else {
                output += "$"
                rest = afterDollar
                continue
            }
            guard let close = afterDollar.firstIndex(of: "}") else {
                throw SluiceError(.invalidValue, "unterminated variable reference in \(JSONNode.quote(text))",
                                  location: location, jsonPath: path.description,
                                  hint: "close it with '}', or write $${ for a literal ${")
            }
            let name = afterDollar[afterDollar.index(after: afterDollar.startIndex)..<close].trimmingCharacters(in: .whitespaces)
            output += try value(of: name, at: location, path: path)
            rest = afterDollar[afterDollar.index(after: close)...]
        }
        return output + rest
    }

    private func value(of name: String, at location: SourceLocation, path: JSONPath) throws(SluiceError) -> String {
        if name.hasPrefix("env:") {
            let variable = String(name.dropFirst(4))
            guard let value = environment[variable] else {
                throw SluiceError(.unknownVariable, "environment variable '\(variable)' is not set",
                                  location: location, jsonPath: path.description,
                                  hint: "export \(variable) before running, or use a pipeline variable with --var")
            }
            return value
        }
        guard let value = values[name] else {
            let known = values.keys.sorted()
            throw SluiceError(.unknownVariable, "unknown variable '${\(name)}'", location: location, jsonPath: path.description,
                              hint: NameSuggester.hint(for: name, in: known)
                                  ?? "define it in \"variables\" or pass --var \(name)=...; known: \(known.joined(separator: ", "))")
        }
        uses?.record(name)
        return value
    }
}

import Foundation
