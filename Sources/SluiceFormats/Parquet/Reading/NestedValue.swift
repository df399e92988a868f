import SluiceEngine
import SluiceSpec

/// A named member of a rebuilt struct or map.
struct NestedMember {
    var name: String
    var value: NestedValue
}

/// A value rebuilt from a nested column: rendered as JSON text, or (with typed leaves)
/// turned into an engine value.
enum NestedValue {
    case null
    /// A JSON number or literal, already in its text form.
    case raw(String)
    case string(String)
    case array([NestedValue])
    case object([NestedMember])
    /// A typed leaf value.
    case scalar(ScalarValue, DataType)
    /// A map's entries, keys kept as values.
    case entries([(key: NestedValue, value: NestedValue)])

    /// The engine value of this value as `type` (struct members matched by name).
    func engineValue(as type: DataType) -> ScalarValue {
        switch (self, type) {
        case (.null, _): return .null
        case (.scalar(let value, let from), _): return from == type ? value : value.cast(to: type)
        case (.array(let items), .array(let element)): return .array(items.map { $0.engineValue(as: element) })
        case (.entries(let pairs), .map(let keyType, let valueType)):
            return .map(keys: pairs.map { $0.key.engineValue(as: keyType) }, values: pairs.map { $0.value.engineValue(as: valueType) })
        case (.object(let members), .struct(let fields)):
            return .struct(fields.map { field in members.first { $0.name == field.name }?.value.engineValue(as: field.type) ?? .null })
        default: return .null
        }
    }

    /// The value as compact JSON.
    var json: String {
        var output = ""
        write(to: &output)
        return output
    }

    /// The text of a map key (strings unquoted).
    var keyText: String {
        switch self {
        case .string(let text): text
        case .raw(let text): text
        case .scalar(let value, _): TextValueFormatter.text(value)
        default: json
        }
    }

    private func write(to output: inout String) {
        switch self {
        case .scalar(let value, let type): output += NestedJSONText.text(value, type: type)
        case .entries(let pairs):
            output += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { output += "," }
                Self.quote(pair.key.keyText, into: &output)
                output += ":"
                pair.value.write(to: &output)
            }
            output += "}"
        case .null: output += "null"
        case .raw(let text): output += text
        case .string(let text): Self.quote(text, into: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                Self.quote(member.name, into: &output)
                output += ":"
                member.value.write(to: &output)
            }
            output += "}"
        }
    }

    private static func quote(_ text: String, into output: inout String) {
        output += JSONNode.quote(text)
    }

    /// Value `index` of a leaf, by its annotations: dates and timestamps as ISO text, decimals
    /// as exact numbers, UUIDs in their canonical form, floats as numbers (NaN and the
    /// infinities as strings, which JSON lacks).
    static func leaf(_ values: LeafValues, at index: Int, element: ParquetSchemaElement) -> NestedValue {
        let logical = element.logicalType ?? ParquetTypeMapping.legacyLogicalType(element)
        switch values {
        case .boolean(let v): return .raw(v[index] ? "true" : "false")
        case .int32(let v):
            switch logical {
            case .date?: return .string(Temporal.formatDate(v[index]))
            case .decimal(_, let scale)?: return .raw(decimalText(String(v[index]), scale: Int(scale)))
            case .integer(32, false)?: return .raw(String(UInt32(bitPattern: v[index])))
            default: return .raw(String(v[index]))
            }
        case .int64(let v):
            switch logical {
            case .timestamp(_, let unit)?:
                let micros = unit == .millis ? v[index] &* 1000 : unit == .nanos ? v[index] / 1000 : v[index]
                return .string(Temporal.formatTimestamp(micros))
            case .decimal(_, let scale)?: return .raw(decimalText(String(v[index]), scale: Int(scale)))
            case .integer(64, false)?: return .raw(String(UInt64(bitPattern: v[index])))
            default:
                return element.type == .int96 ? .string(Temporal.formatTimestamp(v[index])) : .raw(String(v[index]))
            }
        case .float(let v): return number(Double(v[index]))
        case .double(let v): return number(v[index])
        case .bytes(let v):
            let bytes = v.utf8(at: index)
            switch logical {
            case .decimal(_, let scale)?: return .raw(decimalText(bigEndianSignedText(bytes), scale: Int(scale)))
            case .uuid? where bytes.count == 16:
                return .string(String(decoding: LeafColumnConversion.uuidText(bytes), as: UTF8.self))
            default: return .string(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    private static func number(_ value: Double) -> NestedValue {
        value.isFinite ? .raw(TextValueFormatter.double(value)) : .string(TextValueFormatter.double(value))
    }

    /// `digits` (an integer's text, maybe negative) with `scale` digits after the point.
    static func decimalText(_ digits: String, scale: Int) -> String {
        guard scale > 0 else { return digits }
        // Decimals have at most 38 digits (76 in some writers); a larger scale is corrupt metadata.
        guard scale <= 76 else { return digits + "e-" + String(scale) }
        let negative = digits.hasPrefix("-")
        var magnitude = negative ? String(digits.dropFirst()) : digits
        if magnitude.count <= scale { magnitude = String(repeating: "0", count: scale - magnitude.count + 1) + magnitude }
        let point = magnitude.index(magnitude.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + magnitude[..<point] + "." + magnitude[point...]
    }

    /// The decimal text of a big-endian two's-complement integer of any length.
    static func bigEndianSignedText(_ bytes: ArraySlice<UInt8>) -> String {
        guard let first = bytes.first else { return "0" }
        let negative = first & 0x80 != 0
        // The magnitude: two's complement undone for negative values.
        var magnitude = bytes.map { negative ? ~$0 : $0 }
        if negative {
            var carry = true
            for index in magnitude.indices.reversed() where carry {
                let (sum, overflow) = magnitude[index].addingReportingOverflow(1)
                magnitude[index] = sum
                carry = overflow
            }
        }
        var words = Array(magnitude)
        var digits: [Character] = []
        // Repeated division by 10 over the big-endian byte array.
        while words.contains(where: { $0 != 0 }) {
            var remainder: UInt32 = 0
            for index in words.indices {
                let current = remainder << 8 | UInt32(words[index])
                words[index] = UInt8(current / 10)
                remainder = current % 10
            }
            digits.append(Character(String(remainder)))
        }
        let text = digits.isEmpty ? "0" : String(digits.reversed())
        return negative && text != "0" ? "-" + text : text
    }
}
