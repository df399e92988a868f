import SluiceEngine

/// Renders values of any type as JSON, as Spark's JSON writer does: structs as objects (by
/// field name), maps as objects (keys as text), arrays as arrays, numbers as numbers
/// (non-finite floats and decimals too: decimals exactly), strings, dates and timestamps as
/// strings (ISO 8601), binary values as base64 strings.
public enum NestedJSONText {
    /// The JSON text of `value`, a value of `type`.
    public static func text(_ value: ScalarValue, type: DataType) -> String {
        var bytes: [UInt8] = []
        append(value, type: type, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the JSON of `value` to `out`; with `omitNullFields`, struct fields that are null
    /// are left out, as Spark's JSON writer leaves them (`ignoreNullFields`).
    static func append(_ value: ScalarValue, type: DataType, omitNullFields: Bool = false, to out: inout [UInt8]) {
        switch (value, type) {
        case (.null, _): out.append(contentsOf: "null".utf8)
        case (.array(let items), .array(let element)):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                append(item, type: element, omitNullFields: omitNullFields, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case (.map(let keys, let values), .map(_, let valueType)):
            out.append(UInt8(ascii: "{"))
            for (index, (key, item)) in zip(keys, values).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(key == .null ? "null" : TextValueFormatter.text(key), to: &out)
                out.append(UInt8(ascii: ":"))
                append(item, type: valueType, omitNullFields: omitNullFields, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case (.struct(let values), .struct(let fields)):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (item, field) in zip(values, fields) where !(omitNullFields && item == .null) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                appendString(field.name, to: &out)
                out.append(UInt8(ascii: ":"))
                append(item, type: field.type, omitNullFields: omitNullFields, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case (.boolean, _), (.int8, _), (.int16, _), (.int32, _), (.int64, _), (.decimal, _):
            out.append(contentsOf: TextValueFormatter.text(value).utf8)
        case (.float32(let v), _) where v.isFinite: out.append(contentsOf: TextValueFormatter.text(value).utf8)
        case (.float64(let v), _) where v.isFinite: out.append(contentsOf: TextValueFormatter.text(value).utf8)
        default: appendString(TextValueFormatter.text(value), to: &out)
        }
    }

    private static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { ColumnText.appendJSON($0, to: &out) }
    }
}
