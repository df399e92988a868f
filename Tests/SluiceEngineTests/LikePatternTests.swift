@testable import SluiceEngine
import SluiceSpec
import Testing

/// `LIKE` matches over UTF-8 bytes exactly as the regular-expression translation of the
/// pattern does, for random patterns and texts with `%`, `_`, escapes, line breaks and
/// characters of every UTF-8 length; and the column kernel keeps nulls and `NOT LIKE`.
@Suite struct LikePatternTests {
    @Test func randomPatternsMatchAsTheirRegularExpressions() throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let letters: [Character] = ["a", "b", "é", "€", "😀", "\n", "%", "_"]
        let patternPieces = ["a", "b", "é", "€", "😀", "%", "_", "\\%", "\\_", "\\\\", "ab", "%a%"]
        for _ in 0..<3_000 {
            let pattern = (0..<next(5)).map { _ in patternPieces[next(patternPieces.count)] }.joined()
            let text = String((0..<next(8)).map { _ in letters[next(letters.count)] })
            let expected = try PatternMatcher(pattern: pattern, regex: false).matches(text)
            let actual = Array(text.utf8).withUnsafeBufferPointer { LikePattern(pattern).matches($0) }
            #expect(actual == expected, "'\(text)' LIKE '\(pattern)'")
        }
    }

    @Test func theKernelKeepsNullsAndNegates() throws {
        let batch = RecordBatch.of(Schema([Field("s", .string)]), rows: [[.string("order-17")], [.null], [.string("refund-3")], [.string("")]])
        #expect(try batch.evaluate("s LIKE 'order-%'") == [.boolean(true), .null, .boolean(false), .boolean(false)])
        #expect(try batch.evaluate("s NOT LIKE '%-_'") == [.boolean(true), .null, .boolean(false), .boolean(true)])
        #expect(try batch.evaluate("s LIKE '%'") == [.boolean(true), .null, .boolean(true), .boolean(true)])
    }
}
