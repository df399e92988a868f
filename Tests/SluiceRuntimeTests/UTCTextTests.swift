import Foundation
import SluiceRuntime
import Testing

/// The hand-made UTC texts agree with Foundation's ISO 8601 formatting.
@Suite struct UTCTextTests {
    static func reference(_ date: Date, fraction: Bool) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = fraction ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: date)
    }

    @Test func millisecondsMatchISO8601AcrossCenturies() {
        var generator = SystemRandomNumberGenerator()
        // 1901 to 2200, before and after the epoch, at whole milliseconds.
        for _ in 0..<2_000 {
            let millis = Int64.random(in: -2_177_452_800_000...7_258_118_400_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            #expect(UTCText.milliseconds(date) == Self.reference(date, fraction: true))
        }
        #expect(UTCText.milliseconds(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(UTCText.milliseconds(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(UTCText.milliseconds(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29T00:00:00.500Z")
    }

    @Test func secondsAreTheDateAndTimeWithASpace() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seconds = Int64.random(in: -2_177_452_800...7_258_118_400, using: &generator)
            let date = Date(timeIntervalSince1970: Double(seconds))
            let expected = Self.reference(date, fraction: false).dropLast().replacingOccurrences(of: "T", with: " ")
            #expect(UTCText.seconds(date) == expected)
        }
        #expect(UTCText.seconds(Date(timeIntervalSince1970: 1_764_041_415.9)) == "2025-11-25 03:30:15")
    }

    @Test func microsecondsRoundToTheNearest() {
        #expect(UTCText.microseconds(Date(timeIntervalSince1970: 1_764_000_000.25)) == "2025-11-24 16:00:00.250000")
        #expect(UTCText.microseconds(Date(timeIntervalSince1970: -0.5)) == "1969-12-31 23:59:59.500000")
        #expect(UTCText.microseconds(Date(timeIntervalSince1970: 0.000_000_4)) == "1970-01-01 00:00:00.000000")
        #expect(UTCText.microseconds(Date(timeIntervalSince1970: 59.999_999_6)) == "1970-01-01 00:01:00.000000")
    }
}
