/// A SQL `LIKE` pattern matched over UTF-8 bytes: `%` any run of characters, `_` one
/// character (a Unicode code point), `\` makes the next character literal; everything else
/// matches itself, case-sensitively, line breaks included. Matching is the classic wildcard
/// walk that backs up to the last `%` on a mismatch: no regular expression, no `String`.
struct LikePattern: Sendable {
    private enum Token: Equatable, Sendable {
        case byte(UInt8)
        case one
        case any
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        var tokens: [Token] = []
        var escaping = false
        for byte in pattern.utf8 {
            if escaping {
                tokens.append(.byte(byte))
                escaping = false
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"): escaping = true
            case UInt8(ascii: "%"): if tokens.last != .any { tokens.append(.any) }
            case UInt8(ascii: "_"): tokens.append(.one)
            default: tokens.append(.byte(byte))
            }
        }
        // A trailing backslash escapes nothing and stands for itself.
        if escaping { tokens.append(.byte(UInt8(ascii: "\\"))) }
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var t = 0, p = 0
        var backTo = -1, resumeAt = 0
        while t < text.count {
            if p < tokens.count {
                switch tokens[p] {
                case .byte(let byte) where text[t] == byte:
                    t += 1; p += 1
                    continue
                case .one:
                    t += Self.width(of: text[t]); p += 1
                    continue
                case .any:
                    backTo = p; resumeAt = t; p += 1
                    continue
                default:
                    break
                }
            }
            guard backTo >= 0 else { return false }
            // Let the last `%` take one more character, and try the rest again from there.
            resumeAt += Self.width(of: text[resumeAt])
            t = resumeAt
            p = backTo + 1
        }
        while p < tokens.count, tokens[p] == .any { p += 1 }
        return p == tokens.count && t == text.count
    }

    /// The bytes of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
    @inline(__always)
    private static func width(of lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}
