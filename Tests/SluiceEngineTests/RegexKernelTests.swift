@testable import SluiceEngine
import SluiceSpec
import Testing

/// `regexp_replace`, `regexp_extract`, `regexp_like` and `RLIKE` over whole columns: patterns
/// compiled once per run of equal patterns, Java's replacement syntax, nulls for patterns that
/// do not compile, and the same values as the row-by-row bodies.
@Suite struct RegexKernelTests {
    static let batch = RecordBatch.of(Schema([Field("s", .string), Field("p", .string)]), rows: [
        [.string("banana"), .string("a(n)")], [.string("héllo wörld"), .string("[éö]")], [.null, .string("x")],
        [.string("abc"), .null], [.string(""), .string("^$")], [.string("x1y22z333"), .string("[0-9]+")],
        [.string("bad"), .string("(unclosed")],
    ])

    @Test func replaceUsesJavaReplacementSyntax() throws {
        #expect(try Self.batch.evaluate("regexp_replace(s, '[aeiou]', '_')") == [
            .string("b_n_n_"), .string("héll_ wörld"), .null, .string("_bc"), .string(""), .string("x1y22z333"), .string("b_d"),
        ])
        #expect(try Self.batch.evaluate("regexp_replace(s, 'a(n)', '<$1>')")[0] == .string("b<n><n>a"))
        // `\$` in the replacement is a literal dollar sign, as in Java.
        let dollar = try Self.batch.evaluate("regexp_replace(s, 'b', '\\\\$')")[3]
        #expect(dollar == .string("a$c"))
        #expect(try Self.batch.evaluate("regexp_replace(s, p, '#')") == [
            .string("b##a"), .string("h#llo w#rld"), .null, .null, .string("#"), .string("x#y#z#"), .null,
        ])
    }

    @Test func extractTakesAGroupOrNothing() throws {
        #expect(try Self.batch.evaluate("regexp_extract(s, p)") == [
            .string("n"), .string(""), .null, .null, .string(""), .string(""), .null,
        ])
        #expect(try Self.batch.evaluate("regexp_extract(s, p, 0)") == [
            .string("an"), .string("é"), .null, .null, .string(""), .string("1"), .null,
        ])
        #expect(try Self.batch.evaluate("regexp_extract(s, '([a-z])([0-9]+)', 2)")[5] == .string("1"))
        // No such group, and a negative one, give an empty string.
        #expect(try Self.batch.evaluate("regexp_extract(s, 'a(n)', 2)")[0] == .string(""))
        #expect(try Self.batch.evaluate("regexp_extract(s, 'a(n)', -1)")[0] == .string(""))
    }

    @Test func likeFindsThePatternAnywhere() throws {
        let expected: [ScalarValue] = [.boolean(true), .boolean(true), .null, .null, .boolean(true), .boolean(true), .null]
        #expect(try Self.batch.evaluate("regexp_like(s, p)") == expected)
        #expect(try Self.batch.evaluate("regexp(s, p)") == expected)
        #expect(try Self.batch.evaluate("s RLIKE '^h.llo'") == [.boolean(false), .boolean(true), .null, .boolean(false), .boolean(false), .boolean(false), .boolean(false)])
        #expect(try Self.batch.evaluate("s NOT RLIKE 'ö'")[0...1] == [.boolean(true), .boolean(false)])
    }

    @Test func rlikeHasAKernel() throws {
        let bound = try ExpressionBinder(schema: Self.batch.schema).bind(try ExpressionParser.parse("s RLIKE 'an+'"))
        guard case .rowFunction(let function, _, _) = bound else { Issue.record("RLIKE is not a function call"); return }
        let result = try #require(function.kernel?([Self.batch.columns[0]]))
        #expect((0..<result.count).map { result.value(at: $0) } == [
            .boolean(true), .boolean(false), .null, .boolean(false), .boolean(false), .boolean(false), .boolean(false),
        ])
    }

    @Test func patternsCompileOncePerRunOfEqualValues() {
        var compiled: [String] = []
        var cache = RunCache<Int> { pattern in compiled.append(pattern); return pattern == "bad" ? nil : pattern.count }
        let patterns = ["a+", "a+", "a+", "bad", "bad", "a+", "", ""]
        var storage = StringStorage()
        patterns.forEach { storage.append(utf8: $0.utf8) }
        let results = StringView.with(storage) { view in (0..<view.count).map { cache(view[$0]) } }
        #expect(results == [2, 2, 2, nil, nil, 2, 0, 0])
        #expect(compiled == ["a+", "bad", "a+", ""])
    }

    @Test(arguments: [4, 5] as [UInt64])
    func kernelsAgreeWithTheRowPath(seed: UInt64) throws {
        var random = RandomColumns(seed: seed)
        let text = random.strings()
        let patterns = random.choices(.string, ["a", "[éß]+", "(a)(b)?", "^", "\\s", "(z|😀)", "((", "l+", ""].map(ScalarValue.string))
        let templates = random.choices(.string, ["", "-", "<$0>", "$1", "\\$", "é"].map(ScalarValue.string))
        let groups = random.int32s(-1...3)
        try KernelDifferential.check("regexp_replace", [text, patterns, templates])
        try KernelDifferential.check("regexp_replace", [text, random.constant(.string("[aeiou]"), .string), random.constant(.string("*"), .string)])
        try KernelDifferential.check("regexp_extract", [text, patterns, groups])
        try KernelDifferential.check("regexp_extract", [text, random.constant(.string("(a)(b)?"), .string)])
        try KernelDifferential.check("regexp_like", [text, patterns])
        try KernelDifferential.check("regexp_like", [text, random.constant(.string("(z|😀)"), .string)])
    }
}
