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
    static let lower = Entry.fixed([.string], returns: .string, "lower") { .string(JavaLowercase.lowercased(text($0[0]))) }
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
        }.vectorized { StringEditKernels.concatWS($0) },
        "substring": substringEntry, "substr": substringEntry,
        "replace": .fixed([.string, .string, .string], 2...3, returns: .string, "replace") { values in
            // Byte for byte, as Spark compares: no Unicode equivalence, no grapheme clusters.
            let search = Array(text(values[1]).utf8)
            guard !search.isEmpty else { return values[0] }
            let replacement = values.count > 2 ? Array(text(values[2]).utf8) : []
            return .string(String(decoding: Array(text(values[0]).utf8).replacing(search, with: replacement), as: UTF8.self))
        }.vectorized { StringEditKernels.replace($0) },
        "lpad": .fixed([.string, .int32, .string], 2...3, returns: .string, "lpad") { pad($0, left: true) }
            .vectorized { PadKernels.pad($0, left: true) },
        "rpad": .fixed([.string, .int32, .string], 2...3, returns: .string, "rpad") { pad($0, left: false) }
            .vectorized { PadKernels.pad($0, left: false) },
        "initcap": .fixed([.string], returns: .string, "initcap") { .string(initcap(text($0[0]))) }
            .vectorized { StringEditKernels.initcap($0[0]) },
        "regexp_replace": .fixed([.string, .string, .string], returns: .string, "regexp_replace") { values in
            guard let regex = regex(text(values[1])) else { return .null }
            return .string(replaceMatches(of: regex, in: text(values[0]), with: text(values[2])))
        }.vectorized { RegexKernels.replace($0) },
        "regexp_extract": .fixed([.string, .string, .int32], 2...3, returns: .string, "regexp_extract") { values in
            guard let regex = regex(text(values[1])) else { return .null }
            return .string(extract(regex, from: text(values[0]), group: values.count > 2 ? int(values[2]) : 1))
        }.vectorized { RegexKernels.extract($0) },
        "regexp_like": regexpLike, "regexp": regexpLike,
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

    /// Spark's `lpad` / `rpad`, in code points: cut to `len`, or filled up to it with repeats of the pad.
    static func pad(_ values: [ScalarValue], left: Bool) -> ScalarValue {
        let value = Array(text(values[0]).unicodeScalars)
        let length = max(0, int(values[1]))
        let padding = Array((values.count > 2 ? text(values[2]) : " ").unicodeScalars)
        func string(_ scalars: some Sequence<Unicode.Scalar>) -> ScalarValue { .string(String(String.UnicodeScalarView(scalars))) }
        if value.count >= length { return string(value.prefix(length)) }
        if padding.isEmpty { return string(value) }
        let fill = (0..<(length - value.count)).map { padding[$0 % padding.count] }
        return string(left ? fill + value : value + fill)
    }

    /// Spark's `initcap`: the text in lower case, then the first character of the text and each
    /// one after a space (only U+0020 separates words) in title case, one code point for one, as
    /// Java's `Character.toTitleCase(char)` maps it (`ß` stays `ß`, `ǆ` becomes `ǅ`).
    static func initcap(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var startsWord = true
        for scalar in JavaLowercase.lowercased(text).unicodeScalars {
            out.append(startsWord ? titlecase(scalar) : scalar)
            startsWord = scalar == " "
        }
        return String(out)
    }

    /// The simple title-case mapping of a code point Java keeps in one UTF-16 unit; other code
    /// points, and those whose title case takes several, unchanged.
    private static func titlecase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard scalar.value <= 0xFFFF else { return scalar }
        let mapped = scalar.properties.titlecaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first! : scalar
    }

    /// A Java-style regular expression, or nil when `pattern` does not compile.
    @Sendable static func regex(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern)
    }

    /// Every match of `regex` in `subject` replaced per `template`, as Java's `replaceAll`
    /// reads one: `$n` is group n, `\x` a literal x.
    static func replaceMatches(of regex: NSRegularExpression, in subject: String, with template: String) -> String {
        regex.stringByReplacingMatches(in: subject, range: NSRange(subject.startIndex..., in: subject), withTemplate: template)
    }

    /// Group `group` of the first match of `regex` in `subject` (0: the whole match); empty when
    /// nothing matches, the group took no part, or there is no such group.
    static func extract(_ regex: NSRegularExpression, from subject: String, group: Int) -> String {
        guard group >= 0, group <= regex.numberOfCaptureGroups,
              let match = regex.firstMatch(in: subject, range: NSRange(subject.startIndex..., in: subject)),
              let range = Range(match.range(at: group), in: subject) else { return "" }
        return String(subject[range])
    }

    /// `regexp_like(s, regex)` (also `regexp`): whether the regular expression is found
    /// anywhere in `s`, as `s RLIKE regex`; null for a pattern that does not compile.
    static let regexpLike = Entry.fixed([.string, .string], returns: .boolean, "regexp_like") { values in
        guard let matcher = try? PatternMatcher(pattern: text(values[1]), regex: true) else { return .null }
        return .boolean(matcher.matches(text(values[0])))
    }.vectorized { RegexKernels.like($0) }
}
