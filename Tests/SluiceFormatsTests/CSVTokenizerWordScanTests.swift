@testable import SluiceFormats
import SluiceSpec
import Testing

/// Unquoted fields are scanned eight bytes at a time: every field length, delimiter and line
/// end, near the end of the input too, splits exactly as a byte-by-byte split does.
@Suite struct CSVTokenizerWordScanTests {
    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")])
    func fieldsOfEveryLengthSplitAsByteByByte(delimiter: UInt8) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: UInt64) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % bound)
        }
        let alphabet = Array("abcXYZ019 .-_é".utf8)
        var expected: [[[UInt8]]] = []
        var text: [UInt8] = []
        for _ in 0..<3_000 {
            let record = (0..<(1 + next(9))).map { _ in (0..<next(23)).map { _ in alphabet[next(UInt64(alphabet.count))] } }
            // A record of one empty field would be a blank line, which is skipped.
            guard record.count > 1 || !record[0].isEmpty else { continue }
            expected.append(record)
            for (index, field) in record.enumerated() {
                if index > 0 { text.append(delimiter) }
                text += field
            }
            text += next(3) == 0 ? [UInt8(ascii: "\r"), UInt8(ascii: "\n")] : [UInt8(ascii: "\n")]
        }
        if next(2) == 0 { text.removeLast() }
        let records = try text.withUnsafeBytes { bytes in
            var tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter, quote: UInt8(ascii: "\""), escape: UInt8(ascii: "\""),
                                         file: "t.csv", position: CSVPosition())
            var fields: [CSVField] = []
            var records: [[[UInt8]]] = []
            while try tokenizer.nextRecord(into: &fields) != nil {
                records.append(fields.map { Array(bytes[$0.start..<$0.end]) })
            }
            return records
        }
        #expect(records == expected)
    }
}
