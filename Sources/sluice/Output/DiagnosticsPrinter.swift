import Foundation
import SluiceSpec

/// Prints errors for people (`file:line:col: error: ...` plus hints) or as JSON for tools.
enum DiagnosticsPrinter {
    static func text(_ errors: [SluiceError]) -> String {
        var lines = errors.map(\.description)
        if errors.count > 1 { lines.append("\(errors.count) errors") }
        return lines.joined(separator: "\n")
    }

    /// `{"file": ..., "valid": bool, "errors": [{"code", "kind", "message", "file", "line", "column", "jsonPath", "hint"}]}`.
    static func json(_ errors: [SluiceError], file: String) -> String {
        let items = errors.map { error -> String in
            var fields = ["\"code\":\(JSONNode.quote(error.code.rawValue))",
                          "\"kind\":\(JSONNode.quote(error.code.kind.rawValue))",
                          "\"message\":\(JSONNode.quote(error.message))"]
            if let location = error.location {
                fields += ["\"file\":\(JSONNode.quote(location.file))", "\"line\":\(location.line)", "\"column\":\(location.column)"]
            }
            if let path = error.jsonPath { fields.append("\"jsonPath\":\(JSONNode.quote(path))") }
            if let hint = error.hint { fields.append("\"hint\":\(JSONNode.quote(hint))") }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "{\"file\":\(JSONNode.quote(file)),\"valid\":\(errors.isEmpty),\"errors\":[\(items.joined(separator: ","))]}"
    }
}
