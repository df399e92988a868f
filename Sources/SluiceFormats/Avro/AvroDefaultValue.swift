import SluiceSpec

/// Turns a field's JSON `default` into the value it stands for, as the specification's table
/// of default values defines it: bytes and fixed as strings of code points 0–255, records and
/// maps as objects, unions as a value of the first branch it fits.
enum AvroDefaultValue {
    static func value(_ node: JSONNode, for schema: AvroSchema) throws(SluiceError) -> AvroValue {
        func mismatch() -> SluiceError {
            SluiceError(.invalidValue, "\(node.jsonText) is not a \(schema)", location: node.location)
        }
        switch (schema, node.value) {
        case (.null, .null): return .null
        case (.boolean, .bool(let flag)): return .boolean(flag)
        case (.int, .number(let text)):
            guard let value = Int32(text) ?? Double(text).flatMap({ Int32(exactly: $0) }) else { throw mismatch() }
            return .int(value)
        case (.long, .number(let text)):
            guard let value = Int64(text) ?? Double(text).flatMap({ Int64(exactly: $0) }) else { throw mismatch() }
            return .long(value)
        case (.float, .number(let text)), (.float, .string(let text)):
            guard let value = floating(text) else { throw mismatch() }
            return .float(Float(value))
        case (.double, .number(let text)), (.double, .string(let text)):
            guard let value = floating(text) else { throw mismatch() }
            return .double(value)
        case (.bytes, .string(let text)):
            guard let bytes = latin1(text) else { throw mismatch() }
            return .bytes(bytes)
        case (.fixed(let fixed), .string(let text)):
            guard let bytes = latin1(text), bytes.count == fixed.size else { throw mismatch() }
            return .fixed(bytes)
        case (.string, .string(let text)): return .string(text)
        case (.enumeration(let enumeration), .string(let symbol)):
            guard enumeration.symbols.contains(symbol) else { throw mismatch() }
            return .enumeration(symbol)
        case (.array(let items), .array(let elements)):
            var values: [AvroValue] = []
            for element in elements { values.append(try value(element, for: items)) }
            return .array(values)
        case (.map(let valueSchema), .object(let members)):
            var values: [String: AvroValue] = [:]
            for member in members { values[member.key] = try value(member.value, for: valueSchema) }
            return .map(values)
        case (.record(let record), .object):
            var values: [AvroValue] = []
            for field in record.fields {
                guard let member = node[field.name] ?? field.defaultValue else {
                    throw SluiceError(.invalidValue, "\(node.jsonText) has no value for field '\(field.name)'", location: node.location)
                }
                values.append(try value(member, for: field.type))
            }
            return .record(values)
        case (.union(let branches), _):
            for (index, branch) in branches.enumerated() {
                if let value = try? value(node, for: branch) { return .union(branch: index, value) }
            }
            throw mismatch()
        default:
            throw mismatch()
        }
    }

    /// A number, or the strings `NaN`, `Infinity` and `-Infinity` that JSON cannot write otherwise.
    private static func floating(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "Infinity": .infinity
        case "-Infinity": -.infinity
        default: Double(text)
        }
    }

    /// The bytes of a string whose code points are all 0–255.
    private static func latin1(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard scalar.value < 256 else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }
}
