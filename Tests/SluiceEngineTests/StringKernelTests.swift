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
}
