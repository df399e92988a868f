import Foundation
import SluiceEngine
import SluiceFormats
import Testing

@Suite struct CSVWriterTests {
    static let schema = Schema([Field("b", .boolean), Field("i", .int32), Field("l", .int64), Field("d", .float64),
                                Field("s", .string), Field("day", .date), Field("ts", .timestamp)])

    static let rows: [[ScalarValue]] = [
        [.boolean(false), .int32(7), .int64(-9_000_000_000), .float64(1e-7), .string("a,b"), .date(0), .timestamp(0)],
        [.null, .null, .null, .null, .null, .null, .null],
        [.boolean(true), .int32(0), .int64(0), .float64(.nan), .string(""), .date(20_089), .timestamp(-1)],
        [.boolean(true), .int32(1), .int64(1), .float64(-.infinity), .string(" padded \"q\"\nline"), .date(1), .timestamp(1)],
    ]

    func write(_ options: CSVOptions = CSVOptions()) throws -> String {
        var writer = CSVFormat(options: options).makeWriter(schema: Self.schema)
        let batch = JSONLinesFormatTests.batch(Self.schema, Self.rows)
        return String(decoding: writer.header() + (try writer.encode(batch)) + (try writer.footer()), as: UTF8.self)
    }

    @Test func quotesOnlyWhatNeedsQuotingAndKeepsNullsApartFromEmptyStrings() throws {
        let lines = try write().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "b,i,l,d,s,day,ts")
        #expect(lines[1] == "false,7,-9000000000,1e-07,\"a,b\",1970-01-01,1970-01-01T00:00:00Z")
        #expect(lines[2] == ",,,,,,")
        #expect(lines[3] == "true,0,0,NaN,\"\",2025-01-01,1969-12-31T23:59:59.999999Z")
        #expect(lines[4] == "true,1,1,-Infinity,\" padded \"\"q\"\"")
    }

    @Test func everyTypeRoundTripsThroughCSV() async throws {
        var options = CSVOptions()
        options.schema = Self.schema
        let text = try write(options)
        let format = CSVFormat(options: options)
        let batches = try await format.read(Data(text.utf8), file: "rt.csv", schema: Self.schema).collect()
        let back = batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
        #expect(back.count == Self.rows.count)
        for (index, row) in back.enumerated() where index != 2 {
            #expect(row == Self.rows[index])
        }
        if case .float64(let value) = back[2][3] { #expect(value.isNaN) } else { Issue.record("NaN did not round-trip") }
        #expect(back[2][4] == .string(""))
    }

    @Test func inferenceReadsBackWhatTheWriterWrote() async throws {
        let text = try write()
        let format = CSVFormat()
        let schema = try format.inferSchema(of: Data(text.utf8), file: "rt.csv")
        #expect(schema.fields.map(\.type) == [.boolean, .int32, .int64, .float64, .string, .date, .timestamp])
    }

    @Test func otherDelimitersAndEscapesAreHonoured() throws {
        var options = CSVOptions()
        options.delimiter = UInt8(ascii: "\t")
        options.escape = UInt8(ascii: "\\")
        options.nullValue = "\\N"
        let lines = try write(options).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "b\ti\tl\td\ts\tday\tts")
        #expect(lines[1].hasPrefix("false\t7\t-9000000000\t1e-07\ta,b\t"))
        #expect(lines[2] == "\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N")
        #expect(lines[4].contains("\" padded \\\"q\\\""))
    }
}
