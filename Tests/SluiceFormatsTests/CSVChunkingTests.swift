import Foundation
@testable import SluiceFormats
import SluiceEngine
import SluiceSpec
import Testing

@Suite struct CSVChunkingTests {
    /// Rows with quoted delimiters, doubled quotes and line breaks inside fields.
    static func tricky(rows: Int) -> String {
        var text = "id,note,amount\n"
        for index in 0..<rows {
            switch index % 4 {
            case 0: text += "\(index),plain,\(index).5\n"
            case 1: text += "\(index),\"with, comma\",\(index)\n"
            case 2: text += "\(index),\"say \"\"hi\"\"\nthen \"\"bye\"\"\",\(index)\n"
            default: text += "\(index),\"two\nline\nbreaks\",\n"
            }
        }
        return text
    }

    func read(_ text: String, chunkBytes: Int) async throws -> [[ScalarValue]] {
        var options = CSVOptions()
        options.chunkBytes = chunkBytes
        let format = CSVFormat(options: options)
        let data = Data(text.utf8)
        let schema = try format.inferSchema(of: data, file: "t.csv")
        let reader = CSVChunkedReader(data: data, file: "t.csv", schema: schema, options: options, minimumChunkBytes: 1)
        var rows: [[ScalarValue]] = []
        while let batch = try await reader.next() { rows += (0..<batch.rowCount).map { batch.row($0) } }
        return rows
    }

    @Test func chunksStartOnlyAtRecordBoundaries() throws {
        let text = Self.tricky(rows: 2000)
        var options = CSVOptions()
        options.chunkBytes = 1000
        let chunks = Data(text.utf8).withUnsafeBytes { CSVChunker.split($0, from: 15, firstLine: 2, options: options, minimumBytes: 1) }
        #expect(chunks.count > 10)
        let bytes = Array(text.utf8)
        for chunk in chunks.dropFirst() {
            #expect(bytes[chunk.start - 1] == UInt8(ascii: "\n"))
            let startOfRecord = String(decoding: bytes[chunk.start...].prefix { $0 != UInt8(ascii: ",") }, as: UTF8.self)
            #expect(Int(startOfRecord) != nil, "chunk at byte \(chunk.start) starts inside a record: \(startOfRecord)")
        }
        #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.end == $1.start })
        #expect(chunks.last?.end == text.utf8.count)
    }

    @Test func chunkedParsingEqualsSequentialParsing() async throws {
        let text = Self.tricky(rows: 5000)
        let sequential = try await read(text, chunkBytes: Int.max / 4)
        let chunked = try await read(text, chunkBytes: 2000)
        #expect(sequential.count == 5000)
        #expect(chunked == sequential)
        #expect(sequential[2][1] == .string("say \"hi\"\nthen \"bye\""))
    }

    @Test func errorsInLaterChunksReportTheirTrueLine() async throws {
        var text = Self.tricky(rows: 3000)
        text += "3000,bad,notanumber\n"
        var options = CSVOptions()
        options.chunkBytes = 2000
        options.schema = try Schema(ddl: "id INT, note STRING, amount DOUBLE")
        let reader = CSVChunkedReader(data: Data(text.utf8), file: "t.csv", schema: options.schema!, options: options,
                                      minimumChunkBytes: 1)
        let expectedLine = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        do {
            while try await reader.next() != nil {}
            Issue.record("the bad value must fail")
        } catch let error as SluiceError {
            #expect(error.location?.line == expectedLine)
            #expect(error.message == "column 'amount': 'notanumber' is not a DOUBLE")
        }
    }

    @Test func parallelInferenceAgreesWithOnePass() throws {
        var text = "n,v,d\n"
        for index in 0..<3000 { text += "\(index),\(index % 7 == 0 ? "1.5" : String(index)),2025-01-0\(index % 9 + 1)\n" }
        text += "3000,4000000000,2025-01-01\n"
        var options = CSVOptions()
        options.chunkBytes = 500
        let chunked = try Data(text.utf8).withUnsafeBytes { bytes in
            try CSVSchemaInference(options: options, file: "t.csv", minimumChunkBytes: 1).infer(bytes)
        }
        let whole = try Data(text.utf8).withUnsafeBytes { try CSVSchemaInference(options: CSVOptions(), file: "t.csv").infer($0) }
        #expect(chunked == whole)
        #expect(whole.fields.map(\.type) == [.int32, .float64, .date])
    }

    @Test func quoteFreeInputSplitsAtLineBreaksAndCountsLinesOnlyWhenAsked() {
        let text = String(repeating: "12345,abc\n", count: 1000)
        var options = CSVOptions()
        options.chunkBytes = 1000
        let chunks = Data(text.utf8).withUnsafeBytes { CSVChunker.split($0, from: 0, firstLine: 1, options: options, minimumBytes: 1) }
        #expect(chunks.count > 5)
        #expect(chunks.allSatisfy { $0.start % 10 == 0 })
        #expect(chunks.first?.firstLine == 1 && chunks.dropFirst().allSatisfy { $0.firstLine == nil })
        #expect(Data(text.utf8).withUnsafeBytes { CSVChunker.line(at: chunks[3].start, in: $0) } == chunks[3].start / 10 + 1)
    }

    @Test func strayQuotesKeepTheInputInOneChunk() {
        var text = "a,b\n"
        for index in 0..<500 { text += "\(index),x\"y\n\(index),\"q\nr\"\n" }
        var options = CSVOptions()
        options.chunkBytes = 100
        let chunks = Data(text.utf8).withUnsafeBytes { CSVChunker.split($0, from: 4, firstLine: 2, options: options, minimumBytes: 1) }
        #expect(chunks.count == 1)
    }

    @Test func aStrayQuoteAnywhereKeepsTheInputInOneChunk() {
        let clean = Self.tricky(rows: 2000)
        var options = CSVOptions()
        options.chunkBytes = 1000
        let split = Data(clean.utf8).withUnsafeBytes { CSVChunker.split($0, from: 15, firstLine: 2, options: options, minimumBytes: 1) }
        #expect(split.count > 10)
        // The same input with one stray quote near the start, the middle or the very end.
        for position in [0.01, 0.5, 0.999] {
            var bytes = Array(clean.utf8)
            var at = Int(Double(bytes.count) * position)
            while bytes[at] != UInt8(ascii: "\n") { at += 1 }
            bytes.insert(contentsOf: Array("x\"y".utf8), at: at)
            let chunks = Data(bytes).withUnsafeBytes { CSVChunker.split($0, from: 15, firstLine: 2, options: options, minimumBytes: 1) }
            #expect(chunks.count == 1, "stray quote at \(position)")
        }
    }

    @Test func backslashEscapedInputIsNotSplit() {
        var options = CSVOptions()
        options.escape = UInt8(ascii: "\\")
        options.chunkBytes = 10
        let text = String(repeating: "1,2\n", count: 1000)
        let chunks = Data(text.utf8).withUnsafeBytes { CSVChunker.split($0, from: 0, firstLine: 1, options: options, minimumBytes: 1) }
        #expect(chunks.count == 1)
    }

    @Test func aByteIsFoundAnywhereInALargeInputSearchedOnEveryCore() {
        let count = 70 << 20
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: count)
        let pieceSize = (count + ProcessInfo.processInfo.activeProcessorCount * 4 - 1) / (ProcessInfo.processInfo.activeProcessorCount * 4)
        bytes.withUnsafeBufferPointer { #expect(!CSVChunker.contains(UInt8(ascii: "\""), $0.baseAddress!, count: count)) }
        for position in [0, pieceSize - 1, pieceSize, count / 2, count - 1] {
            bytes[position] = UInt8(ascii: "\"")
            bytes.withUnsafeBufferPointer { #expect(CSVChunker.contains(UInt8(ascii: "\""), $0.baseAddress!, count: count), "at \(position)") }
            bytes[position] = UInt8(ascii: "a")
        }
    }
}
