/// Typed reads of JSON values for configs, accepting what the original application's files
/// write: booleans and numbers may be strings (`"true"`, `"20"`). A value of the wrong type
/// is a `wrong-type` error at the value, saying what was expected and what was found.
extension JSONNode {
    /// The value as a string; numbers and booleans are not strings.
    public func string(at path: JSONPath) throws(SluiceError) -> String {
        guard case .string(let text) = value else { throw wrongType("a string", at: path) }
        return text
    }

    /// `true`/`false`, or the strings `"true"`/`"false"` in any case.
    public func bool(at path: JSONPath) throws(SluiceError) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .string(let text) where text.lowercased() == "true": return true
        case .string(let text) where text.lowercased() == "false": return false
        default: throw wrongType("a boolean (true or false)", at: path)
        }
    }

    /// An integral number, or a string holding one (`20`, `"20"`, `1e3` is refused).
    public func int(at path: JSONPath) throws(SluiceError) -> Int {
        switch value {
        case .number(let text), .string(let text):
            if let integer = Int(text.trimmingCharacters(in: .whitespaces)) { return integer }
            if case .number = value, let double = Double(text), double.rounded() == double, abs(double) < 9e15 {
                return Int(double)
            }
        default: break
        }
        throw wrongType("an integer", at: path)
    }

    /// A size in bytes: an integer, or a string with a unit (`"256MB"`, `"1 GB"`, `"512k"`;
    /// units are powers of 1024, as Spark reads sizes).
    public func byteSize(at path: JSONPath) throws(SluiceError) -> Int {
        if let bytes = try? int(at: path), bytes >= 0 { return bytes }
        if case .string(let text) = value {
            let compact = text.replacingOccurrences(of: " ", with: "").lowercased()
            let digits = compact.prefix { $0.isNumber || $0 == "." }
            let kilo = 1024.0, mega = kilo * kilo, giga = mega * kilo
            let units: [String: Double] = ["": 1, "b": 1, "k": kilo, "kb": kilo, "m": mega, "mb": mega,
                                           "g": giga, "gb": giga, "t": giga * kilo, "tb": giga * kilo]
            if let number = Double(digits), let unit = units[String(compact.dropFirst(digits.count))], number >= 0 {
                return Int(number * unit)
            }
        }
        throw wrongType("a size in bytes (a number, or a string such as \"256MB\")", at: path)
    }

    /// A number, or a string holding one.
    public func double(at path: JSONPath) throws(SluiceError) -> Double {
        switch value {
        case .number(let text), .string(let text):
            if let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite { return number }
        default: break
        }
        throw wrongType("a number", at: path)
    }

    /// An array of strings, or one string (read as a list of one).
    public func stringArray(at path: JSONPath) throws(SluiceError) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let elements):
            var result: [String] = []
            for (index, element) in elements.enumerated() {
                result.append(try element.string(at: path.appending(index: index)))
            }
            return result
        default: throw wrongType("an array of strings", at: path)
        }
    }

    /// An object whose values are strings, numbers or booleans, each read as text.
    public func stringMap(at path: JSONPath) throws(SluiceError) -> [String: String] {
        guard case .object(let members) = value else { throw wrongType("an object of names to values", at: path) }
        var result: [String: String] = [:]
        for member in members {
            result[member.key] = try member.value.scalarText(at: path.appending(member.key))
        }
        return result
    }

    /// A string, number or boolean as text (numbers as written).
    public func scalarText(at path: JSONPath) throws(SluiceError) -> String {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: throw wrongType("a string, number or boolean", at: path)
        }
    }

    /// A `wrong-type` error at this value.
    public func wrongType(_ expected: String, at path: JSONPath) -> SluiceError {
        let found: String
        switch value {
        case .string(let text): found = "the string \(JSONNode.quote(text.count > 40 ? String(text.prefix(40)) + "…" : text))"
        case .number(let text): found = "the number \(text)"
        case .bool(let flag): found = "\(flag)"
        default: found = typeName == "array" ? "an array" : (typeName == "object" ? "an object" : "null")
        }
        return SluiceError(.wrongType, "expected \(expected), found \(found)", location: location, jsonPath: path.description)
    }
}

import Foundation
