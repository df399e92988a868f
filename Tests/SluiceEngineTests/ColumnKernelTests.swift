import SluiceEngine
import SluiceSpec
import Testing

/// Date parts, clock parts and `abs` run over whole columns; nulls stay null, dates before
/// 1970 and the smallest integers behave as the row-by-row functions do.
@Suite struct ColumnKernelTests {
    static let batch = RecordBatch.of(Schema([Field("d", .date), Field("t", .timestamp), Field("i", .int32), Field("b", .int64), Field("x", .float64)]), rows: [
        [.date(-1), .timestamp(-500_000), .int32(-5), .int64(.min), .float64(-2.5)],
        [.date(19_782), .timestamp(1_748_785_507_000_000), .int32(Int32.min), .int64(7), .float64(0)],
        [.null, .null, .null, .null, .null],
    ])

    @Test func datePartsOfEveryRow() throws {
        #expect(try Self.batch.evaluate("year(d)") == [.int32(1969), .int32(2024), .null])
        #expect(try Self.batch.evaluate("month(d)") == [.int32(12), .int32(2), .null])
        #expect(try Self.batch.evaluate("dayofmonth(d)") == [.int32(31), .int32(29), .null])
        // A timestamp argument is cast to its date first.
        #expect(try Self.batch.evaluate("year(t)") == [.int32(1969), .int32(2025), .null])
    }

    @Test func clockPartsOfEveryRow() throws {
        #expect(try Self.batch.evaluate("hour(t)") == [.int32(23), .int32(13), .null])
        #expect(try Self.batch.evaluate("minute(t)") == [.int32(59), .int32(45), .null])
        #expect(try Self.batch.evaluate("second(t)") == [.int32(59), .int32(7), .null])
    }

    @Test func absoluteValuesKeepTheSmallestIntegers() throws {
        #expect(try Self.batch.evaluate("abs(i)") == [.int32(5), .int32(Int32.min), .null])
        #expect(try Self.batch.evaluate("abs(b)") == [.int64(.min), .int64(7), .null])
        #expect(try Self.batch.evaluate("abs(x)") == [.float64(2.5), .float64(0), .null])
    }
}
