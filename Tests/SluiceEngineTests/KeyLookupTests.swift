@testable import SluiceEngine
import Testing

/// Looking keys up without adding them (join probes, spilled aggregations) gives the codes
/// the encoder handed out, -1 for values it never saw and 0 for nulls, whether the column
/// holds its strings or only dictionary codes.
@Suite struct KeyLookupTests {
    @Test func dictionaryCodedAndPlainStringsLookUpAlike() {
        var encoder = KeyColumnEncoder(type: .string)
        var built = StringStorage()
        for text in ["paid", "shipped", "é"] { built.append(utf8: Array(text.utf8)) }
        var seen: [Int32] = []
        encoder.encode(Column(dataType: .string, storage: .string(built)), into: &seen)
        #expect(seen == [1, 2, 3])

        let coded = DictionaryColumnTests.column(rows: 40)
        let plain = Column(dataType: .string, storage: coded.storage, validity: coded.validity)
        let fromCodes = encoder.existingCodes(DictionaryColumnTests.column(rows: 40))
        #expect(fromCodes == encoder.existingCodes(plain))
        let expected: [Int32] = (0..<40).map { row in
            switch DictionaryColumnTests.expected(row) {
            case .null: 0
            case .string("paid"): 1
            case .string("shipped"): 2
            case .string("é"): 3
            default: -1
            }
        }
        #expect(fromCodes == expected)
        #expect(encoder.codeCount == 4, "looking up added nothing")
    }
}
