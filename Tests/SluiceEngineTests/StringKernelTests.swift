import SluiceEngine
import SluiceSpec
import Testing

/// `upper`, `lower` and `length` run over whole columns: ASCII byte by byte, other text through
/// Unicode case mapping, lengths in code points as Spark counts them, nulls kept.
@Suite struct StringKernelTests {
    static let batch = RecordBatch.of(Schema([Field("s", .string)]), rows: [
        [.string("Hello, World 42")], [.null], [.string("")], [.string("straße Ünïcode")], [.string("e\u{301}t\u{E9}")],
        [.string("ÀÉÎ mixed ascii")], [.string("@[`{ edges ~")],
    ])

    @Test func upperAndLowerMapASCIIAndUnicodeAlike() throws {
        #expect(try Self.batch.evaluate("upper(s)") == [
            .string("HELLO, WORLD 42"), .null, .string(""), .string("STRASSE ÜNÏCODE"), .string("E\u{301}T\u{C9}"),
            .string("ÀÉÎ MIXED ASCII"), .string("@[`{ EDGES ~"),
        ])
        #expect(try Self.batch.evaluate("lcase(s)") == [
            .string("hello, world 42"), .null, .string(""), .string("straße ünïcode"), .string("e\u{301}t\u{E9}"),
            .string("àéî mixed ascii"), .string("@[`{ edges ~"),
        ])
    }

    @Test func lengthCountsCodePoints() throws {
        #expect(try Self.batch.evaluate("length(s)") == [.int32(15), .null, .int32(0), .int32(14), .int32(4), .int32(15), .int32(12)])
        #expect(try Self.batch.evaluate("char_length(upper(s)) - length(s)") == [.int32(0), .null, .int32(0), .int32(1), .int32(0), .int32(0), .int32(0)])
    }

    static let words = RecordBatch.of(Schema([Field("w", .string), Field("p", .int32)]), rows: [
        [.string("Spark SQL"), .int32(5)], [.string("  padded  "), .int32(-3)], [.string("héllo😀"), .int32(2)],
        [.null, .int32(1)], [.string("abc"), .null], [.string(""), .int32(0)],
    ])

    @Test func substringCountsCodePointsFromOneOrFromTheEnd() throws {
        #expect(try Self.words.evaluate("substring(w, p)") == [.string("k SQL"), .string("d  "), .string("éllo😀"), .null, .null, .string("")])
        #expect(try Self.words.evaluate("substr(w, p, 3)") == [.string("k S"), .string("d  "), .string("éll"), .null, .null, .string("")])
        #expect(try Self.words.evaluate("substring(w, -5, 3)") == [.string("k S"), .string("ded"), .string("éll"), .null, .string("a"), .string("")])
        #expect(try Self.words.evaluate("substring(w, 0, 2)") == [.string("Sp"), .string("  "), .string("hé"), .null, .string("ab"), .string("")])
        #expect(try Self.words.evaluate("substring(w, 1, -1)") == [.string(""), .string(""), .string(""), .null, .string(""), .string("")])
    }

    @Test func trimsRemoveSpacesAtTheirEnds() throws {
        #expect(try Self.words.evaluate("trim(w)") == [.string("Spark SQL"), .string("padded"), .string("héllo😀"), .null, .string("abc"), .string("")])
        #expect(try Self.words.evaluate("ltrim(w)") == [.string("Spark SQL"), .string("padded  "), .string("héllo😀"), .null, .string("abc"), .string("")])
        #expect(try Self.words.evaluate("rtrim(w)") == [.string("Spark SQL"), .string("  padded"), .string("héllo😀"), .null, .string("abc"), .string("")])
    }

    @Test func concatIsNullWhenAnyPartIs() throws {
        #expect(try Self.words.evaluate("concat(w, '-', p)") == [.string("Spark SQL-5"), .string("  padded  --3"), .string("héllo😀-2"), .null, .null, .string("-0")])
    }
}
