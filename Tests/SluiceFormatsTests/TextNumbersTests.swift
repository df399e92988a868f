@testable import SluiceFormats
import SluiceEngine
import Testing

@Suite struct TextNumbersTests {
    func text(_ write: (inout [UInt8]) -> Void) -> String {
        var out: [UInt8] = []
        write(&out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func integersMatchSwiftsDecimalForm() {
        for value: Int64 in [0, 7, -7, 10, 1_000_000, .max, .min, -9_000_000_000] {
            #expect(text { TextNumbers.append(value, to: &$0) } == String(value))
        }
    }

    @Test func doublesMatchSwiftsShortestRoundTripForm() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, -1, 0.1, 1e-7, 123456789012345, 999999999999999, 1e15, 1e16, 2.5e-300, .greatestFiniteMagnitude]
        for _ in 0..<2000 {
            values.append(Double(Int64.random(in: -1_000_000_000...1_000_000_000, using: &generator)) / [1, 10, 100, 1000].randomElement(using: &generator)!)
            values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
        }
        for value in values where value.isFinite {
            #expect(text { TextNumbers.append(value, to: &$0) } == value.description, "\(value)")
        }
        #expect(text { TextNumbers.append(Double.nan, to: &$0) } == "NaN")
        #expect(text { TextNumbers.append(-Double.infinity, to: &$0) } == "-Infinity")
    }

    @Test func datesAndTimestampsMatchTemporal() {
        for days in [-719_162, -1, 0, 1, 20_089, 2_932_896] {
            #expect(text { TextNumbers.appendDate(days, to: &$0) } == Temporal.formatDate(Int32(days)))
        }
        for micros: Int64 in [0, -1, 1, 1_735_787_045_120_000, -86_400_000_001, 253_402_300_799_999_999] {
            #expect(text { TextNumbers.appendTimestamp(micros, to: &$0) } == Temporal.formatTimestamp(micros))
        }
    }
}
