/// Parses nested type names as Spark DDL writes them: `array<int>`, `map<string, bigint>`,
/// `struct<id: int, tags: array<string>>` (field names may be backquoted; the colon is optional).
enum NestedTypeParser {
    static func parse(_ text: String) -> DataType? {
        var parser = Cursor(Array(text.unicodeScalars))
        guard let type = parser.type(), parser.atEnd else { return nil }
        return type
    }

    private struct Cursor {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var atEnd: Bool {
            mutating get { skipSpaces(); return index == scalars.count }
        }

        mutating func skipSpaces() {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        }

        mutating func accept(_ character: Unicode.Scalar) -> Bool {
            skipSpaces()
            guard index < scalars.count, scalars[index] == character else { return false }
            index += 1
            return true
        }

        /// A word (letters, digits, `_`), or a backquoted name.
        mutating func word() -> String? {
            skipSpaces()
            if accept("`") {
                var name = ""
                while index < scalars.count {
                    if scalars[index] == "`" {
                        if index + 1 < scalars.count, scalars[index + 1] == "`" { name.unicodeScalars.append("`"); index += 2; continue }
                        index += 1
                        return name
                    }
                    name.unicodeScalars.append(scalars[index])
                    index += 1
                }
                return nil
            }
            let start = index
            while index < scalars.count, scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index]) || scalars[index] == "_" {
                index += 1
            }
            return index > start ? String(String.UnicodeScalarView(scalars[start..<index])) : nil
        }

        mutating func type() -> DataType? {
            guard let name = word() else { return nil }
            switch name.lowercased() {
            case "array":
                guard accept("<"), let element = type(), accept(">") else { return nil }
                return .array(element)
            case "map":
                guard accept("<"), let key = type(), accept(","), let value = type(), accept(">") else { return nil }
                return .map(key: key, value: value)
            case "struct":
                guard accept("<") else { return nil }
                var fields: [Field] = []
                if accept(">") { return .struct(fields) }
                repeat {
                    guard let field = word() else { return nil }
                    _ = accept(":")
                    guard let type = type() else { return nil }
                    fields.append(Field(field, type))
                } while accept(",")
                return accept(">") ? .struct(fields) : nil
            default:
                // A scalar type, with its parameters: decimal(10, 2), varchar(20).
                var text = name
                if accept("(") {
                    text += "("
                    while index < scalars.count, scalars[index] != ")" { text.unicodeScalars.append(scalars[index]); index += 1 }
                    guard accept(")") else { return nil }
                    text += ")"
                }
                return DataType(sqlName: text)
            }
        }
    }
}
