import Foundation

/// String functions, with Spark's semantics (1-based positions, null in → null out).
enum StringFunctions {
    typealias Entry = FunctionCatalog.Entry

    static func text(_ value: ScalarValue) -> String {
        if case .string(let text) = value { return text }
        return value.description
    }

    static func int(_ value: ScalarValue) -> Int {
        switch value {
        case .int32(let v): Int(v)
        case .int64(let v): Int(v)
        case .float64(let v): Int(v)
        default: 0
        }
    }

    static let upper = Entry.fixed([.string], returns: .string, "upper") { .string(text($0[0]).uppercased()) }
        .vectorized { StringKernels.mapCase($0[0], upper: true) }
    static let lower = Entry.fixed([.string], returns: .string, "lower") { .string(text($0[0]).lowercased()) }
        .vectorized { StringKernels.mapCase($0[0], upper: false) }
    /// Characters as Spark counts them: Unicode code points.
    static let length = Entry.fixed([.string], returns: .int32, "length") { .int32(Int32(text($0[0]).unicodeScalars.count)) }
        .vectorized { StringKernels.codePoints($0[0]) }

    static let substringEntry = Entry.fixed([.string, .int32, .int32], 2...3, returns: .string, "substring") { substring($0) }
        .vectorized { StringKernels.substring($0) }

    static let entries: [String: Entry] = [
        "upper": upper, "ucase": upper, "lower": lower, "lcase": lower,
        "trim": Entry.fixed([.string], returns: .string, "trim") { .string(text($0[0]).trimmingCharacters(in: .init(charactersIn: " "))) }
            .vectorized { StringKernels.trim($0[0], leading: true, trailing: true) },
        "ltrim": Entry.fixed([.string], returns: .string, "ltrim") { .string(String(text($0[0]).drop { $0 == " " })) }
            .vectorized { StringKernels.trim($0[0], leading: true, trailing: false) },
        "rtrim": Entry.fixed([.string], returns: .string, "rtrim") { .string(String(text($0[0]).reversed().drop { $0 == " " }.reversed())) }
            .vectorized { StringKernels.trim($0[0], leading: false, trailing: true) },
        "length": length, "char_length": length,
        "concat": Entry.fixed([.string], 1...Int.max, returns: .string, "concat") { .string($0.map(text).joined()) }
            .vectorized { StringKernels.concat($0) },
        "concat_ws": .fixed([.string], 1...Int.max, returns: .string, nullPropagating: false, "concat_ws") { values in
            guard values[0] != .null else { return .null }
            return .string(values.dropFirst().filter { $0 != .null }.map(text).joined(separator: text(values[0])))
        },
        "substring": substringEntry, "substr": substringEntry,
        "replace": .fixed([.string, .string, .string], 2...3, returns: .string, "replace") { values in
            let search = text(values[1])
            guard !search.isEmpty else { return values[0] }
            return .string(text(values[0]).replacingOccurrences(of: search, with: values.count > 2 ? text(values[2]) : ""))
        },
        "lpad": .fixed([.string, .int32, .string], 2...3, returns: .string, "lpad") { pad($0, left: true) },
        "rpad": .fixed([.string, .int32, .string], 2...3, returns: .string, "rpad") { pad($0, left: false) },
        "initcap": .fixed([.string], returns: .string, "initcap") { values in
            .string(text(values[0]).split(separator: " ", omittingEmptySubsequences: false)
                .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " "))
        },
        "regexp_replace": .fixed([.string, .string, .string], returns: .string, "regexp_replace") { values in
            guard let regex = try? NSRegularExpression(pattern: text(values[1])) else { return .null }
            let subject = text(values[0])
            let template = text(values[2]).replacingOccurrences(of: "\\$", with: "\\\\$")
            return .string(regex.stringByReplacingMatches(in: subject, range: NSRange(subject.startIndex..., in: subject),
                                                          withTemplate: template))
        },
        "regexp_extract": .fixed([.string, .string, .int32], 2...3, returns: .string, "regexp_extract") { values in
            let subject = text(values[0])
            guard let regex = try? NSRegularExpression(pattern: text(values[1])) else { return .null }
            let group = values.count > 2 ? int(values[2]) : 1
            guard let match = regex.firstMatch(in: subject, range: NSRange(subject.startIndex..., in: subject)),
                  group <= match.numberOfRanges - 1, let range = Range(match.range(at: group), in: subject) else { return .string("") }
            return .string(String(subject[range]))
        },
    ]

    /// Spark's substring: 1-based; 0 counts as 1; a negative position counts from the end.
    static func substring(_ values: [ScalarValue]) -> ScalarValue {
        let characters = Array(text(values[0]).unicodeScalars)
        var start = int(values[1])
        let length = values.count > 2 ? int(values[2]) : Int.max
        if start > 0 { start -= 1 } else if start < 0 { start = characters.count + start }
        var end = length == Int.max ? characters.count : start + length
        start = max(0, start)
        end = min(characters.count, end)
        return .string(start < end ? String(String.UnicodeScalarView(characters[start..<end])) : "")
    }

    static func pad(_ values: [ScalarValue], left: Bool) -> ScalarValue {
        let value = Array(text(values[0]))
        let length = max(0, int(values[1]))
        let padding = Array(values.count > 2 ? text(values[2]) : " ")
        if value.count >= length { return .string(String(value.prefix(length))) }
        if padding.isEmpty { return .string(String(value)) }
        let fill = (0..<(length - value.count)).map { padding[$0 % padding.count] }
        return .string(String(left ? fill + value : value + fill))
    }
}
