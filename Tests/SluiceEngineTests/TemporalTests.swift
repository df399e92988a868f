import SluiceEngine
import SluiceSpec
import Testing

@Suite struct TemporalTests {
    @Test(arguments: [
        ("1970-01-01", 0), ("1969-12-31", -1), ("2000-02-29", 11_016), ("2024-12-31", 20_088), ("0001-01-01", -719_162),
        ("9999-12-31", 2_932_896),
    ])
    func datesParseAndFormatRoundTrip(text: String, days: Int32) {
        #expect(Temporal.parseDate(text) == days)
        #expect(Temporal.formatDate(days) == text)
    }

    @Test(arguments: ["2023-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-1-01", "20250101", "2025-01-01x", ""])
    func invalidDatesAreRejected(text: String) {
        #expect(Temporal.parseDate(text) == nil)
    }

    @Test func timestampsAcceptSpaceOrTFractionsAndOffsets() {
        let base: Int64 = 1_735_787_045_000_000  // 2025-01-02T03:04:05Z
        #expect(Temporal.parseTimestamp("2025-01-02 03:04:05") == base)
        #expect(Temporal.parseTimestamp("2025-01-02T03:04:05Z") == base)
        #expect(Temporal.parseTimestamp("2025-01-02T03:04:05.5Z") == base + 500_000)
        #expect(Temporal.parseTimestamp("2025-01-02T03:04:05.123456789") == base + 123_456)
        #expect(Temporal.parseTimestamp("2025-01-02T05:04:05+02:00") == base)
        #expect(Temporal.parseTimestamp("2025-01-01T22:04:05-0500") == base)
        #expect(Temporal.parseTimestamp("2025-01-02T03:04") == base - 5_000_000)
        #expect(Temporal.parseTimestamp("2025-01-02") == base - 11_045_000_000)
        #expect(Temporal.parseTimestamp("2025-01-02T25:00:00") == nil)
        #expect(Temporal.parseTimestamp("2025-01-02T03:04:05.") == nil)
        #expect(Temporal.parseTimestamp("2025-01-02T03:04:05 UTC") == nil)
    }

    @Test func timestampsFormatAsISO8601InUTC() {
        #expect(Temporal.formatTimestamp(1_735_787_045_000_000) == "2025-01-02T03:04:05Z")
        #expect(Temporal.formatTimestamp(1_735_787_045_120_000) == "2025-01-02T03:04:05.12Z")
        #expect(Temporal.formatTimestamp(-1) == "1969-12-31T23:59:59.999999Z")
        #expect(Temporal.parseTimestamp(Temporal.formatTimestamp(-86_400_000_001)) == -86_400_000_001)
    }

    @Test func ddlSchemasParseAsSparkWritesThem() throws {
        let schema = try Schema(ddl: "id INT, `order date` DATE, amount double NOT NULL, name STRING")
        #expect(schema.names == ["id", "order date", "amount", "name"])
        #expect(schema.fields.map(\.type) == [.int32, .date, .float64, .string])
        #expect(schema.fields[2].nullable == false)
    }

    @Test func ddlErrorsNameTheColumnAndListTheTypes() {
        do {
            _ = try Schema(ddl: "id INT, amount MONEY")
            Issue.record("MONEY is not a type")
        } catch {
            #expect(error.message == "schema column 'amount' has an unknown type 'money'")
            #expect(error.hint?.contains("bigint") == true)
        }
        #expect(throws: SluiceError.self) { try Schema(ddl: "id INT,, x INT") }
        #expect(throws: SluiceError.self) { try Schema(ddl: "id") }
    }
}
