import Foundation
import SluiceSpec

extension Schema {
    /// Parses a schema written as Spark DDL: `id INT, name STRING, amount DECIMAL(10,2) NOT NULL`.
    /// Names may be backquoted (`` `order id` INT``); type names are case-insensitive.
    public init(ddl: String) throws(SluiceError) {
        var fields: [Field] = []
        for (position, part) in Self.columnTexts(ddl).enumerated() {
            let column = part.trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty else {
                throw SluiceError(.invalidValue, "schema column \(position + 1) is empty in \"\(ddl)\"",
                                  hint: "write columns as `name TYPE`, separated by commas")
            }
            let name: String
            var rest: Substring
            if column.hasPrefix("`") {
                guard let close = column.dropFirst().firstIndex(of: "`") else {
                    throw SluiceError(.invalidValue, "unterminated backquote in schema column \"\(column)\"")
                }
                name = String(column[column.index(after: column.startIndex)..<close])
                rest = column[column.index(after: close)...]
            } else {
                let parts = column.split(separator: " ", maxSplits: 1)
                name = String(parts[0])
                rest = parts.count > 1 ? parts[1] : ""
            }
            var words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
            var nullable = true
            if words.count >= 2, words.suffix(2) == ["not", "null"] {
                nullable = false
                words.removeLast(2)
            }
            // A type is one word, or several inside its brackets (`decimal(10, 2)`, `map<string, int>`).
            let typeText = words.joined(separator: " ")
            let oneType = words.count == 1 || typeText.hasSuffix(")") || typeText.hasSuffix(">")
            guard oneType, let type = DataType(sqlName: typeText) else {
                throw SluiceError(.invalidValue,
                                  words.isEmpty ? "schema column '\(name)' has no type" : "schema column '\(name)' has an unknown type '\(words.joined(separator: " "))'",
                                  hint: "types: \(DataType.acceptedSQLNames.joined(separator: ", "))")
            }
            fields.append(Field(name, type, nullable: nullable))
        }
        self.init(fields)
    }

    /// The column definitions of a DDL text: split at commas outside brackets and backquotes.
    private static func columnTexts(_ ddl: String) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var quoted = false
        var start = ddl.startIndex
        for index in ddl.indices {
            switch ddl[index] {
            case "`": quoted.toggle()
            case "(" where !quoted, "<" where !quoted: depth += 1
            case ")" where !quoted, ">" where !quoted: depth -= 1
            case "," where !quoted && depth == 0:
                parts.append(ddl[start..<index])
                start = ddl.index(after: index)
            default: break
            }
        }
        parts.append(ddl[start...])
        return parts
    }
}
