import Foundation
import SluiceSpec

/// Matches strings against a SQL `LIKE` pattern (`%` any run, `_` one character, `\` escapes)
/// or an `RLIKE` regular expression (found anywhere in the string, as Spark's RLIKE does).
struct PatternMatcher: @unchecked Sendable {
    private let regex: NSRegularExpression

    init(pattern: String, regex isRegex: Bool) throws(SluiceError) {
        // `\A` and `\z`: the whole text, even one ending in a line break (`$` would stop before it).
        let source = isRegex ? pattern : "\\A" + Self.likeToRegex(pattern) + "\\z"
        do {
            regex = try NSRegularExpression(pattern: source, options: isRegex ? [] : [.dotMatchesLineSeparators])
        } catch {
            throw SluiceError(.invalidValue, "invalid regular expression '\(pattern)'", hint: "RLIKE uses Java-style regular expressions")
        }
    }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether UTF-8 `text` matches (invalid UTF-8 is repaired with U+FFFD first).
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(String(decoding: text, as: UTF8.self))
    }

    static func likeToRegex(_ pattern: String) -> String {
        var out = ""
        var escaping = false
        for character in pattern {
            if escaping {
                out += NSRegularExpression.escapedPattern(for: String(character))
                escaping = false
                continue
            }
            switch character {
            case "\\": escaping = true
            case "%": out += ".*"
            case "_": out += "."
            default: out += NSRegularExpression.escapedPattern(for: String(character))
            }
        }
        return out
    }
}
