import SluiceEngine
import Testing

/// Text cast to dates and timestamps as Spark casts it: short forms, one-digit fields, a time
/// or anything after a date, offsets on timestamps; NULL for anything else.
@Suite struct SparkCastTextTests {
    static let day = Int64(86_400_000_000)

    func days(_ year: Int, _ month: Int, _ day: Int) -> Int32 { Int32(Temporal.days(year: year, month: month, day: day)) }

    @Test func datesTakeSparksShortAndLooseForms() {
        let cases: [(String, Int32?)] = [
            ("2025-03-07", days(2025, 3, 7)), ("2025-3-7", days(2025, 3, 7)), ("2025-03", days(2025, 3, 1)),
            ("2025", days(2025, 1, 1)), ("  2025-03-07\t", days(2025, 3, 7)), ("2025-03-07T23:59:59-05:00", days(2025, 3, 7)),
            ("2025-03-07 anything", days(2025, 3, 7)), ("2024-02-29", days(2024, 2, 29)), ("+2025-03-07", days(2025, 3, 7)),
            ("12025-01-01", days(12025, 1, 1)), ("-0044-03-15", days(-44, 3, 15)),
            ("2025-02-29", nil), ("2025-13-01", nil), ("2025-00-10", nil), ("2025-03-32", nil), ("25-03-07", nil),
            ("2025/03/07", nil), ("2025-003-07", nil), ("2025-03-07x", nil), ("", nil), ("   ", nil), ("20250307", nil),
        ]
        for (text, expected) in cases { #expect(SparkCastText.date(text) == expected, "\(text)") }
    }

    @Test func timestampsTakeShortTimesFractionsAndOffsets() {
        let base = Int64(days(2025, 3, 7)) * Self.day
        func at(_ h: Int64, _ m: Int64, _ s: Int64 = 0, micros: Int64 = 0) -> Int64 { base + ((h * 60 + m) * 60 + s) * 1_000_000 + micros }
        let cases: [(String, Int64?)] = [
            ("2025-03-07", base), ("2025-3-7", base), ("2025", Int64(days(2025, 1, 1)) * Self.day),
            ("2025-03-07 10:11:12", at(10, 11, 12)), ("2025-03-07T10:11:12", at(10, 11, 12)), ("2025-03-07 7:5:3", at(7, 5, 3)),
            ("2025-03-07 10:11", at(10, 11)), ("2025-03-07 10:11:12.5", at(10, 11, 12, micros: 500_000)),
            ("2025-03-07 10:11:12.1234567", at(10, 11, 12, micros: 123_456)), ("2025-03-07 10:11:12Z", at(10, 11, 12)),
            ("2025-03-07 10:11:12+05:30", at(10, 11, 12) - 19_800_000_000), ("2025-03-07T10:11:12-0800", at(18, 11, 12)),
            ("2025-03-07 10:11:12-8", at(18, 11, 12)), (" 2025-03-07 10:11:12 ", at(10, 11, 12)),
            ("2025-03-07 24:00:00", nil), ("2025-03-07 10:60", nil), ("2025-03-07 10:11:61", nil), ("2025-03-07 10", nil),
            ("2025-03-07 10:11:12.", nil), ("2025-03-07 10:11:12+5:3", nil), ("2025-03-07 10:11:12+19", nil),
            ("2025-03-07 10:11:12 UTC", nil), ("2025-03-07 junk", nil), ("2025-03-07T", nil),
        ]
        for (text, expected) in cases { #expect(SparkCastText.timestamp(text) == expected, "\(text)") }
    }
}
