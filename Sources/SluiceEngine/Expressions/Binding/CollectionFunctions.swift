import Foundation

/// Array and map functions, with Spark's semantics (non-ANSI mode): `array`, `split`, `size`,
/// `array_contains`, `element_at`, `map_keys`, `map_values`, and the `value[index]` subscript.
enum CollectionFunctions {
    typealias Entry = FunctionCatalog.Entry
    typealias Specialized = FunctionCatalog.Specialized
    typealias Failure = FunctionCatalog.ArgumentTypeError

    static let entries: [String: Entry] = [
        "array": .specialized(0...Int.max) { types in
            let element = TypeCoercion.commonType(types) ?? .string
            return Specialized(argumentTypes: types.map { _ in element }, result: .array(element),
                               function: RowFunction("array", nullPropagating: false) { .array($0) })
        },
        "split": .fixed([.string, .string, .int32], 2...3, returns: .array(.string), "split") { values in
            let limit = values.count > 2 ? StringFunctions.int(values[2]) : -1
            return split(StringFunctions.text(values[0]), pattern: StringFunctions.text(values[1]), limit: limit)
                .map { .array($0.map(ScalarValue.string)) } ?? .null
        },
        "size": .specialized(1...1) { types throws(Failure) in
            let type = types[0] ?? .array(.string)
            switch type {
            case .array, .map: return Specialized(argumentTypes: [type], result: .int32, function: size)
            default: throw Failure(message: "size needs an ARRAY or MAP, got \(type.sqlName)")
            }
        },
        "array_contains": .specialized(2...2) { types throws(Failure) in
            guard case .array(let element) = types[0] ?? .array(types[1] ?? .string) else {
                throw Failure(message: "array_contains needs an ARRAY first, got \(types[0]!.sqlName)")
            }
            guard let common = TypeCoercion.comparisonType(element, types[1]) else {
                throw Failure(message: "array_contains cannot look for a \(types[1]!.sqlName) in an ARRAY<\(element.sqlName)>")
            }
            return Specialized(argumentTypes: [.array(common), common], result: .boolean,
                               function: RowFunction("array_contains", nullPropagating: false) { values in
                guard case .array(let items) = values[0], values[1] != .null else { return .null }
                if items.contains(values[1]) { return .boolean(true) }
                return items.contains(.null) ? .null : .boolean(false)
            })
        },
        "element_at": .specialized(2...2) { types throws(Failure) in
            try lookup(types, name: "element_at", firstIndex: 1)
        },
        "map_keys": .specialized(1...1) { types throws(Failure) in
            guard case .map(let key, let value) = types[0] ?? .map(key: .string, value: .string) else {
                throw Failure(message: "map_keys needs a MAP, got \(types[0]!.sqlName)")
            }
            return Specialized(argumentTypes: [.map(key: key, value: value)], result: .array(key),
                               function: RowFunction("map_keys") { values in
                guard case .map(let keys, _) = values[0] else { return .null }
                return .array(keys)
            })
        },
        "map_values": .specialized(1...1) { types throws(Failure) in
            guard case .map(let key, let value) = types[0] ?? .map(key: .string, value: .string) else {
                throw Failure(message: "map_values needs a MAP, got \(types[0]!.sqlName)")
            }
            return Specialized(argumentTypes: [.map(key: key, value: value)], result: .array(value),
                               function: RowFunction("map_values") { values in
                guard case .map(_, let items) = values[0] else { return .null }
                return .array(items)
            })
        },
    ]

    /// `value[index]`: 0-based for arrays, by key for maps (Spark's `GetArrayItem`, `GetMapValue`).
    static let subscriptEntry: Entry = .specialized(2...2) { types throws(Failure) in
        try lookup(types, name: "the subscript [ ]", firstIndex: 0)
    }

    /// Spark 3's default for `size(NULL)` (`spark.sql.legacy.sizeOfNull` true, ANSI off) is -1.
    static let size = RowFunction("size", nullPropagating: false) { values in
        switch values[0] {
        case .array(let items): .int32(Int32(items.count))
        case .map(let keys, _): .int32(Int32(keys.count))
        default: .int32(-1)
        }
    }

    /// An array element by position (`firstIndex` 1: `element_at`, where a negative position
    /// counts from the end; 0: the subscript) or a map value by key; null when out of range or
    /// missing, as Spark without ANSI mode.
    static func lookup(_ types: [DataType?], name: String, firstIndex: Int) throws(Failure) -> Specialized {
        switch types[0] {
        case .array(let element):
            return Specialized(argumentTypes: [.array(element), .int32], result: element, function: RowFunction(name) { values in
                guard case .array(let items) = values[0] else { return .null }
                var position = StringFunctions.int(values[1])
                if firstIndex == 1 {
                    guard position != 0 else { return .null }
                    position = position > 0 ? position - 1 : items.count + position
                }
                return items.indices.contains(position) ? items[position] : .null
            })
        case .map(let key, let value):
            return Specialized(argumentTypes: [.map(key: key, value: value), key], result: value, function: RowFunction(name) { values in
                guard case .map(let keys, let items) = values[0], let index = keys.firstIndex(of: values[1]) else { return .null }
                return items[index]
            })
        default:
            throw Failure(message: "\(name) needs an ARRAY or MAP, got \(types[0]?.sqlName ?? "NULL")")
        }
    }

    /// Spark's `split`: Java's `String.split(regex, limit)` with any limit ≤ 0 keeping trailing
    /// empty strings; an empty pattern splits into the first `limit` characters. Nil for an
    /// invalid pattern.
    static func split(_ text: String, pattern: String, limit: Int) -> [String]? {
        if text.isEmpty { return [text] }  // as Java: no match can split an empty string
        if pattern.isEmpty {
            let characters = Array(text.unicodeScalars)
            let count = limit <= 0 || limit > characters.count ? characters.count : limit
            return characters.prefix(count).map { String($0) }
        }
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let subject = text as NSString
        var parts: [String] = []
        var index = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: subject.length)) {
            if limit > 0, parts.count >= limit - 1 { break }
            let range = match.range
            // A zero-width match at the start gives no leading empty string (Java 8 and later).
            if index == 0, range.location == 0, range.length == 0 { continue }
            parts.append(subject.substring(with: NSRange(location: index, length: range.location - index)))
            index = range.location + range.length
        }
        if index == 0 { return [text] }
        parts.append(subject.substring(from: index))
        return parts
    }
}
