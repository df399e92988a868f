@testable import SluiceEngine
import SluiceSpec
import Testing

/// `replace`, `lpad`, `rpad`, `initcap` and `concat_ws` over whole columns agree with their
/// row-by-row bodies on random text (nulls, empty strings, multi-byte and combining characters)
/// and give Spark's values: bytes compared exactly, lengths in code points.
@Suite struct StringEditKernelTests {
    static let batch = RecordBatch.of(Schema([Field("s", .string), Field("n", .int32)]), rows: [
        [.string("banana"), .int32(8)], [.string("cafe\u{301}"), .int32(3)], [.string("café"), .int32(6)], [.null, .int32(2)],
        [.string(""), .int32(4)], [.string("héllo😀"), .null], [.string("aaa"), .int32(-1)],
    ])

    @Test func replaceComparesBytesAsSparkDoes() throws {
        #expect(try Self.batch.evaluate("replace(s, 'a', 'o')") == [
            .string("bonono"), .string("cofe\u{301}"), .string("cofé"), .null, .string(""), .string("héllo😀"), .string("ooo"),
        ])
        // A combining accent is not part of the `e` before it, and a decomposed é is not the precomposed one.
        #expect(try Self.batch.evaluate("replace(s, 'e', 'E')")[1] == .string("cafE\u{301}"))
        #expect(try Self.batch.evaluate("replace(s, 'e\u{301}', 'E')")[1...2] == [.string("cafE"), .string("café")])
        #expect(try Self.batch.evaluate("replace(s, 'aa')") == [
            .string("banana"), .string("cafe\u{301}"), .string("café"), .null, .string(""), .string("héllo😀"), .string("a"),
        ])
        #expect(try Self.batch.evaluate("replace(s, '', 'x')")[0] == .string("banana"))
        #expect(try Self.batch.evaluate("replace(s, 'a', NULL)")[0] == .null)
    }

    @Test func padsCountCodePoints() throws {
        #expect(try Self.batch.evaluate("lpad(s, n, 'é*')") == [
            .string("é*banana"), .string("caf"), .string("é*café"), .null, .string("é*é*"), .null, .string(""),
        ])
        #expect(try Self.batch.evaluate("rpad(s, n, '😀')") == [
            .string("banana😀😀"), .string("caf"), .string("café😀😀"), .null, .string("😀😀😀😀"), .null, .string(""),
        ])
        // e + a combining accent is two code points, as Spark counts them.
        #expect(try Self.batch.evaluate("rpad(s, 5)")[1] == .string("cafe\u{301}"))
        #expect(try Self.batch.evaluate("lpad(s, 6)")[1] == .string(" cafe\u{301}"))
        #expect(try Self.batch.evaluate("lpad(s, 8, '')")[0] == .string("banana"))
        #expect(try Self.batch.evaluate("lpad(s, 3, '')")[0] == .string("ban"))
    }

    @Test func initcapLowersThenTitlesEachWord() throws {
        let words = RecordBatch.of(Schema([Field("s", .string)]), rows: [
            [.string("hello wORLD")], [.string("  two  spaces")], [.string("élan vital")], [.string("ßtraße ǆungla")],
            [.string("tab\tseparated")], [.null], [.string("")], [.string("😀smile AND 42x")],
        ])
        #expect(try words.evaluate("initcap(s)") == [
            .string("Hello World"), .string("  Two  Spaces"), .string("Élan Vital"), .string("ßtraße ǅungla"),
            .string("Tab\tseparated"), .null, .string(""), .string("😀smile And 42x"),
        ])
    }

    @Test func concatWithSeparatorSkipsNulls() throws {
        #expect(try Self.batch.evaluate("concat_ws('/', s, NULL, 'x')") == [
            .string("banana/x"), .string("cafe\u{301}/x"), .string("café/x"), .string("x"), .string("/x"), .string("héllo😀/x"), .string("aaa/x"),
        ])
        #expect(try Self.batch.evaluate("concat_ws(NULL, s, 'x')")[0] == .null)
        #expect(try Self.batch.evaluate("concat_ws('-')")[0] == .string(""))
        #expect(try Self.batch.evaluate("concat_ws('', s, s)")[4] == .string(""))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func kernelsAgreeWithTheRowPath(seed: UInt64) throws {
        var random = RandomColumns(seed: seed)
        let text = random.strings(), short = random.strings(most: 2), lengths = random.int32s(-2...12, edges: [0, 1])
        let searches = random.strings(from: ["a", "é", "e", "ab", "😀", " ", "ß", ""], most: 2)
        try KernelDifferential.check("replace", [text, searches, short])
        try KernelDifferential.check("replace", [text, searches])
        try KernelDifferential.check("replace", [text, random.constant(.string("a"), .string), random.constant(.string("XY"), .string)])
        for name in ["lpad", "rpad"] {
            try KernelDifferential.check(name, [text, lengths, short])
            try KernelDifferential.check(name, [text, lengths])
            try KernelDifferential.check(name, [text, random.constant(.int32(7), .int32), random.constant(.string("ab"), .string)])
        }
        try KernelDifferential.check("initcap", [text])
        try KernelDifferential.check("initcap", [random.strings(from: ["a", "B", " ", "x y", "WORLD", "42", "-", "AZaz", "@[`{", "Zebra"])])
        try KernelDifferential.check("concat_ws", [short, text, random.strings(), text])
        try KernelDifferential.check("concat_ws", [random.constant(.string(", "), .string), text])
        try KernelDifferential.check("concat_ws", [short])
    }
}
