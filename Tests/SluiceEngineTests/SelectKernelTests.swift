import SluiceEngine
import SluiceSpec
import Testing

/// `CASE WHEN` and `COALESCE` pick each row's value from whole columns: the first true
/// condition wins (a null condition is not true), a missing ELSE gives null, and results of
/// every flat type (or nested ones, row by row) come out as written.
@Suite struct SelectKernelTests {
    static let batch = RecordBatch.of(Schema([Field("n", .int32), Field("s", .string), Field("x", .float64), Field("d", .decimal(precision: 10, scale: 2))]), rows: [
        [.int32(1), .string("a"), .float64(1.5), .decimal(DecimalValue(unscaled: 150, scale: 2))],
        [.int32(5), .null, .null, .null],
        [.null, .string("c"), .float64(-2), .decimal(DecimalValue(unscaled: -7, scale: 2))],
        [.int32(12), .string(""), .float64(0), .decimal(DecimalValue(unscaled: 0, scale: 2))],
    ])

    @Test func caseTakesTheFirstTrueBranch() throws {
        #expect(try Self.batch.evaluate("CASE WHEN n < 3 THEN 'small' WHEN n < 10 THEN 'medium' ELSE s END")
            == [.string("small"), .string("medium"), .string("c"), .string("")])
        #expect(try Self.batch.evaluate("CASE WHEN n > 4 THEN x * 2 END") == [.null, .null, .null, .float64(0)])
        #expect(try Self.batch.evaluate("CASE n WHEN 1 THEN d WHEN 12 THEN d + 1 ELSE d END") == [
            .decimal(DecimalValue(unscaled: 150, scale: 2)), .null, .decimal(DecimalValue(unscaled: -7, scale: 2)),
            .decimal(DecimalValue(unscaled: 100, scale: 2)),
        ])
        #expect(try Self.batch.evaluate("CASE WHEN n IS NULL THEN array(1) ELSE array(n, n) END") == [
            .array([.int32(1), .int32(1)]), .array([.int32(5), .int32(5)]), .array([.int32(1)]), .array([.int32(12), .int32(12)]),
        ])
    }

    @Test func coalesceTakesTheFirstNonNull() throws {
        #expect(try Self.batch.evaluate("coalesce(s, 'none')") == [.string("a"), .string("none"), .string("c"), .string("")])
        #expect(try Self.batch.evaluate("coalesce(n, 0) + 1") == [.int32(2), .int32(6), .int32(1), .int32(13)])
        #expect(try Self.batch.evaluate("nvl(x, n)") == [.float64(1.5), .float64(5), .float64(-2), .float64(0)])
        #expect(try Self.batch.evaluate("coalesce(s, s)") == [.string("a"), .null, .string("c"), .string("")])
    }
}
