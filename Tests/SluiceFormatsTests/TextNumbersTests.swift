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
}

@Suite struct FastDoubleParsingTests {
    @Test func theFastPathAgreesWithTheCParserOnEveryDecimal() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "5.", "007.50", "999999999999999", "0.000000000000001", "123456789.123456", "-1.5", "+2.25"]
        for _ in 0..<20_000 {
            let integer = Int64.random(in: -999_999_999...999_999_999, using: &generator)
            let fraction = Int.random(in: 0...999_999, using: &generator)
            texts.append("\(integer).\(String(fraction).leftPadded(6))")
            texts.append("\(Int.random(in: 0...500, using: &generator)).\(Int.random(in: 0...99, using: &generator))")
        }
        for text in texts {
            let parsed = text.utf8.withContiguousStorageIfAvailable { TextFieldParser.double(UnsafeRawBufferPointer($0)) } ?? nil
            #expect(parsed == Double(text), "\(text)")
        }
    }

    @Test func whatTheFastPathDeclinesStillParses() {
        for text in ["1e5", "-2.5E-3", "NaN", "Infinity", "-Infinity", "1234567890123456789.5"] {
            let parsed = text.utf8.withContiguousStorageIfAvailable { TextFieldParser.double(UnsafeRawBufferPointer($0)) } ?? nil
            #expect(parsed != nil, "\(text)")
        }
        for text in ["", ".", "1.2.3", "0x10", "1 2", "abc"] {
            let parsed = text.utf8.withContiguousStorageIfAvailable { TextFieldParser.double(UnsafeRawBufferPointer($0)) } ?? nil
            #expect(parsed == nil, "\(text)")
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
