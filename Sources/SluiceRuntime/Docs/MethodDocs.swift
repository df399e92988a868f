import SluiceSpec

/// The method reference, written from the registry: the text `sluice methods` prints and the
/// Markdown of `docs/methods.md` (a test keeps that file in step with the registry).
public enum MethodDocs {
    /// One line per method, grouped by type: `fromFile   extract   Reads CSV or JSON Lines files`.
    public static func index(_ registry: MethodRegistry) -> String {
        let width = registry.methods.map(\.name.count).max() ?? 0
        var lines: [String] = []
        for type in StepType.allCases {
            let methods = registry.methods.filter { $0.type == type }
            guard !methods.isEmpty else { continue }
            lines.append("\(type.rawValue):")
            for method in methods {
                lines.append("  " + method.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + method.summary)
            }
        }
        lines.append("")
        lines.append("`sluice methods NAME` shows a method's config keys.")
        return lines.joined(separator: "\n")
    }

    /// Everything about one method, for the terminal.
    public static func text(_ method: MethodDescriptor) -> String {
        var lines = ["\(method.name) (\(method.type.rawValue)) — \(method.summary)", "", method.details, "", "config keys:"]
        let width = method.keys.map(\.name.count).max() ?? 0
        for key in method.keys {
            var line = "  " + key.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            line += "\(key.kind.rawValue)" + (key.required ? ", required" : "")
            if let value = key.defaultValue { line += ", default \(value)" }
            if let allowed = key.allowedValues { line += ", one of \(allowed.joined(separator: "|"))" }
            lines.append(line)
            lines.append("  " + String(repeating: " ", count: width + 2) + key.summary)
        }
        lines += ["", "example:", method.example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")]
        return lines.joined(separator: "\n")
    }

    /// The whole reference as Markdown.
    public static func markdown(_ registry: MethodRegistry) -> String {
        var out = "# Step methods\n\n"
        out += "Generated from the method registry by `sluice methods --format markdown`; do not edit by hand.\n\n"
        out += "Every step is `{\"type\": ..., \"method\": ..., \"config\": {...}}`. `registerAs` and "
        out += "`inputDataFrames` may stand in `config` or beside it. Booleans and numbers may be written as "
        out += "strings (`\"true\"`, `\"20\"`).\n\n"
        out += "| method | type | summary |\n|---|---|---|\n"
        for method in registry.methods {
            out += "| [`\(method.name)`](#\(method.name.lowercased())) | \(method.type.rawValue) | \(method.summary) |\n"
        }
        for method in registry.methods {
            out += "\n## \(method.name)\n\n*\(method.type.rawValue)* — \(method.summary)\n\n\(method.details)\n\n"
            out += "| key | type | required | default | description |\n|---|---|---|---|---|\n"
            for key in method.keys {
                var description = key.summary
                if let allowed = key.allowedValues { description += " One of: " + allowed.map { "`\($0)`" }.joined(separator: ", ") + "." }
                out += "| `\(key.name)` | \(key.kind.rawValue) | \(key.required ? "yes" : "no") | "
                out += (key.defaultValue.map { "`\($0)`" } ?? "") + " | \(description.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
            out += "\nExample:\n\n```json\n\(method.example)\n```\n"
        }
        return out
    }
}

import Foundation
