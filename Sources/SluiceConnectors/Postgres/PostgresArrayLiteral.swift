import SluiceEngine
import SluiceFormats

/// Nested values as PostgreSQL reads them in text form: an array as an array literal
/// (`{1,2,NULL}`, `{"a b","c\"d"}`, nested arrays as `{{1,2},{3}}`), a map or struct as JSON
/// (for a `jsonb` column).
enum PostgresArrayLiteral {
    /// The text of a non-null nested `value` of `type`.
    static func text(_ value: ScalarValue, type: DataType) -> String {
        guard case .array(let element) = type, case .array(let items) = value else { return NestedJSONText.text(value, type: type) }
        return "{" + items.map { item in
            if item == .null { return "NULL" }
            if element.physical == .list, case .array = element { return text(item, type: element) }
            return quoted(element.isNested ? NestedJSONText.text(item, type: element) : PostgresArrayLiteral.scalarText(item))
        }.joined(separator: ",") + "}"
    }

    /// A scalar as PostgreSQL's input functions read it.
    static func scalarText(_ value: ScalarValue) -> String {
        switch value {
        case .binary(let bytes): return "\\x" + bytes.map { String($0 >> 4, radix: 16) + String($0 & 0xF, radix: 16) }.joined()
        case .timestamp(let micros): return Temporal.formatTimestamp(micros)
        case .timestampNTZ(let micros): return String(Temporal.formatTimestamp(micros).dropLast())
        default: return TextValueFormatter.text(value)
        }
    }

    /// An element in double quotes, its quotes and backslashes escaped.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
