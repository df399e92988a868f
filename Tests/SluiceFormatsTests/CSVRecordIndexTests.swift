import Foundation
@testable import SluiceFormats
import SluiceEngine
import SluiceSpec
import Testing

/// Plain records are read in runs, a column at a time; whatever the input holds (quoted
/// fields with delimiters, doubled quotes or line breaks, blank lines, CRLF, lone CRs, short
/// and long records, no final line break), the result is the record-by-record result.
@Suite struct CSVRecordIndexTests {
    static let schema = Schema([Field("id", .int64), Field("name", .string),
                                Field("amount", .float64), Field("note", .string)])

    /// Reads `text` (no header) as `schema`, with or without plain runs.
    static func read(_ text: [UInt8], plainRuns: Bool, mode: ParseMode = .permissive, selected: [Int]? = nil,
                     schema: Schema = schema) throws -> [[ScalarValue]] {
        var options = CSVOptions()
        options.header = false
        options.parseMode = mode
        let data = Data(text)
        let reader = CSVBatchReader(data: data, file: "t.csv", schema: schema, options: options,
                                    chunk: CSVChunk(start: 0, end: data.count, firstLine: 1), selected: selected, plainRuns: plainRuns)
        return try reader.readAll().flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
    }

    @Test(arguments: [0, 1, 2, 3])
    func irregularInputReadsAsRecordByRecord(seed: UInt64) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ seed
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        var text: [UInt8] = []
        for row in 0..<5_000 {
            // Mostly regular records; now and then something the plain scan must leave alone.
            let fields = next(40) == 0 ? 1 + next(6) : 4
            // Now and then a quoted note: with a delimiter, a doubled quote or a line break inside.
            let note = [String(repeating: "n", count: next(20)), "\"a, b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"\""][next(12) < 8 ? 0 : next(5)]
            let values = ["\(row)", ["north", "south", "", "é-ü"][next(4)], next(9) == 0 ? "x" : "\(next(1000)).\(next(100))",
                          note, "extra", "more"]
            text += Array(values.prefix(fields).joined(separator: ",").utf8)
            switch next(30) {
            case 0: text += Array("\r\n".utf8)
            case 1: text += Array("\n\n".utf8)
            case 2: text += Array("\r".utf8)
            case 3: text += Array("\r\r\n".utf8)
            default: text += Array("\n".utf8)
            }
        }
        if next(2) == 0 { text += Array("9,last,1.5,no line break".utf8) }
        let plain = try Self.read(text, plainRuns: true)
        let tokenized = try Self.read(text, plainRuns: false)
        #expect(plain.count > 4_500)
        #expect(plain.count == tokenized.count)
        // The first differing row, rather than both whole inputs, when they differ.
        let differing = zip(plain, tokenized).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(differing == nil, "row \(differing?.offset ?? -1): \(differing?.element.0 ?? []) against \(differing?.element.1 ?? [])")
        let selected = try Self.read(text, plainRuns: true, selected: [3, 1])
        #expect(selected.elementsEqual(tokenized.map { [$0[3], $0[1]] }), "the selected columns differ")
    }

    @Test func regularRecordsAreFoundWithTheirFieldRanges() {
        let text = Array("1,a,2.5,x\r\n22,bb,,yy\n333,ccc,4,\n4,d".utf8)
        text.withUnsafeBytes { bytes in
            var index = CSVRecordIndex(fieldCount: 4, delimiter: UInt8(ascii: ","), quote: UInt8(ascii: "\""))
            #expect(index.scan(bytes, from: 0, limit: 10) == 3)
            #expect(index.end == 32)
            let fields = (0..<3).map { record in (0..<4).map { String(decoding: bytes[index.field($0, of: record, in: bytes)], as: UTF8.self) } }
            #expect(fields == [["1", "a", "2.5", "x"], ["22", "bb", "", "yy"], ["333", "ccc", "4", ""]])
            #expect(index.recordStart(1) == 11)
            #expect(index.scan(bytes, from: 0, limit: 2) == 2)
            #expect(index.end == 21)
            // The last record has no line break: the tokenizer reads it.
            #expect(index.scan(bytes, from: 32, limit: 10) == 0)
        }
        // A run stops before the record holding a quote, even when the quote comes late in a word.
        let quoted = Array("1,a,2,x\n2,b,3,y\n3,c,\"4\",z\n4,d,5,w\n".utf8)
        quoted.withUnsafeBytes { bytes in
            var index = CSVRecordIndex(fieldCount: 4, delimiter: UInt8(ascii: ","), quote: UInt8(ascii: "\""))
            #expect(index.scan(bytes, from: 0, limit: 10) == 2)
            #expect(index.end == 16)
            #expect(index.scan(bytes, from: 26, limit: 10) == 1)
        }
    }

    /// Input of many 64-byte blocks: CRLF records run through, and a run stops right before
    /// the record holding a lone carriage return or a quote, wherever it falls in a block.
    @Test func runsCrossBlocksAndStopBeforeTheFirstIrregularRecord() {
        let records = (0..<200).map { Array("\($0 % 10),ab,c\r\n".utf8) }  // 8 bytes each
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
        records.joined().map { $0 }.withUnsafeBytes { bytes in
            var index = CSVRecordIndex(fieldCount: 3, delimiter: comma, quote: quote)
            #expect(index.scan(bytes, from: 0, limit: 1_000) == 200)
            #expect(index.end == 1_600)
            #expect(String(decoding: bytes[index.field(2, of: 150, in: bytes)], as: UTF8.self) == "c")
        }
        for bad in [0, 7, 8, 9, 15, 16, 17, 63, 100] {
            for odd in [UInt8(ascii: "\r"), quote] {
                var text = records
                text[bad][3] = odd  // "0,a?,c\r\n": the second field holds it
                Array(text.joined()).withUnsafeBytes { bytes in
                    var index = CSVRecordIndex(fieldCount: 3, delimiter: comma, quote: quote)
                    #expect(index.scan(bytes, from: 0, limit: 1_000) == bad, "record \(bad), byte \(odd)")
                    #expect(index.end == bad * 8)
                }
            }
        }
    }

    @Test func aBadValueIsReportedAtItsLineAndColumnFirstInRowOrder() throws {
        var lines = (0..<3_000).map { "\($0),name,\($0).5,note" }
        // Column by column, the later row's error would come first.
        lines[2_100] = "x2100,name,1.5,note"
        lines[1_500] = "1500,name,oops,note"
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        for plainRuns in [true, false] {
            #expect {
                _ = try Self.read(text, plainRuns: plainRuns, mode: .failFast)
            } throws: { error in
                guard let error = error as? SluiceError else { return false }
                return error.location?.line == 1_501 && error.location?.column == 11 && error.message.contains("'oops'")
            }
        }
        lines[1_500] = "1500,name,1500.5,note"
        let fixed = Array((lines.joined(separator: "\n") + "\n").utf8)
        #expect {
            _ = try Self.read(fixed, plainRuns: true, mode: .failFast)
        } throws: { error in
            (error as? SluiceError)?.location?.line == 2_101 && (error as? SluiceError)?.location?.column == 1
        }
        let permissive = try Self.read(fixed, plainRuns: true)
        #expect(permissive[2_100][0] == .null)
        #expect(permissive[2_100][2] == .float64(1.5))
        #expect(permissive[2_101][0] == .int64(2101))
    }

    @Test func fewDistinctStringsComeOutAsDictionaryCodes() throws {
        let text = Array((0..<5_000).map { "\($0),\(["north", "south"][$0 % 2]),1.5,note \($0)" }.joined(separator: "\n").utf8) + [10]
        var options = CSVOptions()
        options.header = false
        let data = Data(text)
        let reader = CSVBatchReader(data: data, file: "t.csv", schema: Self.schema, options: options,
                                    chunk: CSVChunk(start: 0, end: data.count, firstLine: 1))
        let batch = try #require(try reader.next())
        #expect(batch.columns[1].dictionary?.values.count == 2)
        #expect(batch.columns[1].value(at: 3) == .string("south"))
        // Mostly distinct values are not worth a dictionary.
        #expect(batch.columns[3].dictionary == nil)
        #expect(batch.columns[3].value(at: 4_999) == .string("note 4999"))
    }
}
