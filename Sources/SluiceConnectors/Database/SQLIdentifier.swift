import SluiceSpec

/// Quotes table and column names for SQL, so any name (reserved words, spaces, mixed case)
/// is taken literally and none can inject SQL.
public enum SQLIdentifier {
    /// The quote character of a dialect.
    public enum Dialect: Sendable {
        /// `"name"`, with `"` doubled inside.
        case postgres
        /// `` `name` ``, with `` ` `` doubled inside.
        case mysql

        var quote: Character {
            switch self {
            case .postgres: "\""
            case .mysql: "`"
            }
        }
    }

    /// One quoted name.
    public static func quote(_ name: String, _ dialect: Dialect) -> String {
        let q = dialect.quote
        return String(q) + name.replacingOccurrences(of: String(q), with: String(q) + String(q)) + String(q)
    }

    /// The parts of a possibly qualified table name (`sales.orders` → `sales`, `orders`). A
    /// part may be quoted in the dialect's quotes to hold a dot (`"my.schema".orders`).
    public static func parts(of table: String, _ dialect: Dialect) throws(SluiceError) -> [String] {
        let q = dialect.quote
        var parts: [String] = []
        var current = ""
        var quoted = false
        var index = table.startIndex
        while index < table.endIndex {
            let character = table[index]
            if quoted {
                let next = table.index(after: index)
                if character == q, next < table.endIndex, table[next] == q {
                    current.append(q)
                    index = table.index(after: next)
                    continue
                }
                if character == q { quoted = false } else { current.append(character) }
            } else if character == q {
                quoted = true
            } else if character == "." {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
            index = table.index(after: index)
        }
        parts.append(current)
        guard !quoted, !parts.contains(where: { $0.isEmpty }), parts.count <= 3 else {
            throw SluiceError(.invalidValue, "'\(table)' is not a table name",
                              hint: "write `table` or `schema.table`; quote a part that holds a dot")
        }
        return parts
    }

    /// A qualified table name, each part quoted.
    public static func table(_ table: String, _ dialect: Dialect) throws(SluiceError) -> String {
        try parts(of: table, dialect).map { quote($0, dialect) }.joined(separator: ".")
    }
}
