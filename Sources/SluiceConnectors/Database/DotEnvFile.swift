import Foundation

/// Reads a `.env` file: `NAME=value` lines, `#` comments, an optional `export ` prefix, and
/// values optionally in single or double quotes. The file is optional and never committed.
public enum DotEnvFile {
    /// The variables of `path` (`.env` in the current directory by default); empty when there is no file.
    public static func load(path: String = ".env") -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        return parse(text)
    }

    /// The variables of a `.env` text.
    public static func parse(_ text: String) -> [String: String] {
        var variables: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            variables[name] = value
        }
        return variables
    }
}
