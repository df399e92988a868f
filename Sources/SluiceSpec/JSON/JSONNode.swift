/// A JSON value that remembers where it was written, so errors can point at it.
///
/// Objects keep their members in file order; numbers keep their literal text so that
/// 64-bit integers and decimals survive without a trip through `Double`.
public struct JSONNode: Sendable, Hashable {
    /// The value itself.
    public enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        /// A number as written (`42`, `-1.5e3`).
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    public var value: Value
    /// Where the value starts.
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// The JSON type's name as users know it: `string`, `number`, `boolean`, `array`, `object`, `null`.
    public var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The members, if this is an object.
    public var members: [JSONMember]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// The elements, if this is an array.
    public var elements: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The member named `key`, if this is an object that has one (the last one wins, as in most parsers).
    public subscript(key: String) -> JSONNode? {
        members?.last { $0.key == key }?.value
    }

    /// The value as compact JSON text (strings escaped, members in order).
    public var jsonText: String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return JSONNode.quote(text)
        case .array(let elements): return "[" + elements.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { JSONNode.quote($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// One `"key": value` pair of a JSON object, with the key's own location.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: JSONNode

    public init(key: String, keyLocation: SourceLocation, value: JSONNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
