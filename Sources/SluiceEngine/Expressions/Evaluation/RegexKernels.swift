import Foundation

/// `regexp_replace`, `regexp_extract` and `RLIKE` / `regexp_like` over whole columns. A pattern
/// is compiled once for each run of rows that share it (once per batch when it is a literal),
/// not once per row; a pattern that does not compile gives null.
enum RegexKernels {
    /// `regexp_replace(s, regex, replacement)` (see `StringFunctions.replaceMatches`).
    static func replace(_ columns: [Column]) -> Column? {
        guard let values = columns[0].stringStorage, let patterns = columns[1].stringStorage,
              let replacements = columns[2].stringStorage else { return nil }
        var regexes = RunCache(StringFunctions.regex), templates = RunCache<String> { $0 }
        var writer = StringColumnWriter(rows: values.count, byteCapacity: values.bytes.count, validity: Column.commonValidity(columns))
        StringView.with([values, patterns, replacements]) { views in
            for row in 0..<values.count {
                if writer.isNull(row) { writer.endValue(); continue }
                guard let regex = regexes(views[1][row]) else { writer.endNull(); continue }
                let subject = String(decoding: views[0][row], as: UTF8.self)
                writer.append(contentsOf: StringFunctions.replaceMatches(of: regex, in: subject, with: templates(views[2][row])!).utf8)
                writer.endValue()
            }
        }
        return writer.finish()
    }

    /// `regexp_extract(s, regex[, group])` (see `StringFunctions.extract`); group 1 when not given.
    static func extract(_ columns: [Column]) -> Column? {
        let groupColumn = columns.count > 2 ? columns[2] : Column.repeating(.int32(1), .int32, count: columns[0].count)
        guard let values = columns[0].stringStorage, let patterns = columns[1].stringStorage,
              case .int32(let groups) = groupColumn.storage else { return nil }
        var regexes = RunCache(StringFunctions.regex)
        var writer = StringColumnWriter(rows: values.count, byteCapacity: values.bytes.count, validity: Column.commonValidity(columns))
        StringView.with([values, patterns]) { views in
            for row in 0..<values.count {
                if writer.isNull(row) { writer.endValue(); continue }
                guard let regex = regexes(views[1][row]) else { writer.endNull(); continue }
                let subject = String(decoding: views[0][row], as: UTF8.self)
                writer.append(contentsOf: StringFunctions.extract(regex, from: subject, group: Int(groups[row])).utf8)
                writer.endValue()
            }
        }
        return writer.finish()
    }

    /// `regexp_like(s, regex)`: whether the regular expression is found anywhere in `s`.
    static func like(_ columns: [Column]) -> Column? {
        guard let values = columns[0].stringStorage, let patterns = columns[1].stringStorage else { return nil }
        var matchers = RunCache { try? PatternMatcher(pattern: $0, regex: true) }
        var results = [Bool](repeating: false, count: values.count)
        var invalid: [Int] = []
        let validity = Column.commonValidity(columns)
        StringView.with([values, patterns]) { views in
            for row in 0..<values.count where validity?[row] != false {
                guard let matcher = matchers(views[1][row]) else { invalid.append(row); continue }
                results[row] = matcher.matches(views[0][row])
            }
        }
        return Column(dataType: .boolean, storage: .boolean(results),
                      validity: ArithmeticKernel.nullify(invalid, validity, count: values.count))
    }
}
