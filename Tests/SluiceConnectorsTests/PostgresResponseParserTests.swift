@testable import SluiceConnectors
import SluiceEngine
import SluiceSpec
import Testing

/// The PostgreSQL reader's decoding of the server's messages, on bytes made here.
@Suite struct PostgresResponseParserTests {
    static let schema = Schema([Field("flag", .boolean), Field("small", .int32), Field("big", .int64), Field("ratio", .float64),
                                Field("name", .string), Field("day", .date), Field("at", .timestamp)])
    /// 2024-02-29 as days since 2000-01-01, and its last microsecond since then.
    static let leapDay: Int32 = 8_825
    static let leapDayEnd = Int64(leapDay) * 86_400_000_000 + 86_399_999_999

    static func bigEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// A backend message: type, length, body.
    static func message(_ type: Character, _ body: [UInt8]) -> [UInt8] {
        [type.asciiValue!] + bigEndian(Int32(body.count + 4)) + body
    }

    /// A `DataRow` of the given values (nil: NULL).
    static func dataRow(_ values: [[UInt8]?]) -> [UInt8] {
        var body = bigEndian(Int16(values.count))
        for value in values {
            if let value { body += bigEndian(Int32(value.count)) + value } else { body += bigEndian(Int32(-1)) }
        }
        return message("D", body)
    }

    static func row(_ id: Int64) -> [UInt8] {
        dataRow([[1], bigEndian(Int32(-7)), bigEndian(id), bigEndian((Double(id) / 4).bitPattern),
                 Array("name \(id) ü".utf8), bigEndian(leapDay), bigEndian(leapDayEnd)])
    }

    static let prologue = message("1", []) + message("2", [])
    static let epilogue = message("C", Array("SELECT 3\0".utf8)) + message("Z", [UInt8(ascii: "I")])

    /// Everything `bytes` gives, fed `chunk` bytes at a time as the handler would: each call
    /// gets what the last one left plus the next chunk.
    static func parse(_ bytes: [UInt8], batchSize: Int = 2, chunk: Int = .max) -> (batches: [RecordBatch], parser: PostgresResponseParser) {
        var parser = PostgresResponseParser(schema: schema, batchSize: batchSize)
        var batches: [RecordBatch] = []
        var pending: [UInt8] = []
        var offset = 0
        while offset < bytes.count, !parser.isComplete {
            let end = min(bytes.count, offset + min(chunk, bytes.count))
            pending += bytes[offset..<end]
            offset = end
            let read = pending.withUnsafeBytes { parser.read($0, into: &batches) }
            pending.removeFirst(read)
        }
        if let last = parser.lastBatch() { batches.append(last) }
        return (batches, parser)
    }

    static func values(_ batches: [RecordBatch]) -> [[ScalarValue]] {
        batches.flatMap { batch in (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row) } } }
    }

    @Test func everyTypeIsDecodedFromItsBinaryFormatAndNullsStayNull() {
        let bytes = Self.prologue + Self.row(1) + Self.dataRow(Array(repeating: nil, count: 7)) + Self.row(-2) + Self.epilogue
        let (batches, parser) = Self.parse(bytes)
        #expect(parser.isComplete && parser.failure == nil)
        #expect(batches.map(\.rowCount) == [2, 1])
        let leapDayMicros = Int64(Temporal.days(year: 2024, month: 2, day: 29)) * 86_400_000_000 + 86_399_999_999
        #expect(Self.values(batches) == [
            [.boolean(true), .int32(-7), .int64(1), .float64(0.25), .string("name 1 ü"),
             .date(Int32(Temporal.days(year: 2024, month: 2, day: 29))), .timestamp(leapDayMicros)],
            Array(repeating: .null, count: 7),
            [.boolean(true), .int32(-7), .int64(-2), .float64(-0.5), .string("name -2 ü"),
             .date(Int32(Temporal.days(year: 2024, month: 2, day: 29))), .timestamp(leapDayMicros)],
        ])
    }

    @Test func messagesCutAnywhereAcrossReadsGiveTheSameRows() {
        let bytes = Self.prologue + (0..<5).flatMap { Self.row(Int64($0)) } + Self.epilogue
        let whole = Self.values(Self.parse(bytes).batches)
        #expect(whole.count == 5)
        for chunk in [1, 2, 3, 5, 7, 11, 64] {
            let (batches, parser) = Self.parse(bytes, chunk: chunk)
            #expect(parser.isComplete)
            #expect(Self.values(batches) == whole, "chunks of \(chunk)")
        }
    }

    @Test func theServersErrorIsKeptAndTheResponseRunsToItsEnd() {
        let error = Self.message("E", Array("SERROR\0C22012\0Mdivision by zero\0Hcheck the divisor\0\0".utf8))
        let bytes = Self.prologue + Self.row(1) + Self.row(2) + Self.row(3) + error + Self.message("Z", [UInt8(ascii: "I")])
        let (batches, parser) = Self.parse(bytes, batchSize: 2)
        #expect(parser.isComplete)
        #expect(batches.map(\.rowCount) == [2], "a failed response sends no partial last batch")
        let failure = parser.failure as? PostgresServerError
        #expect(failure?.state == "22012")
        #expect(failure?.message == "division by zero")
        #expect(failure?.detail == "check the divisor")
    }

    @Test func infiniteTimestampsWrongSizesAndWrongColumnCountsAreErrors() {
        var infinite = Self.row(1)
        infinite.replaceSubrange(infinite.count - 8..<infinite.count, with: Self.bigEndian(Int64.max))
        let cases: [([UInt8], String)] = [
            (infinite, "'infinity'"),
            (Self.dataRow([[1], [0, 0, 7]] + Array(repeating: nil, count: 5)), "column 'small'"),
            (Self.dataRow([[1]]), "a row of 1 columns where 7"),
        ]
        for (row, fragment) in cases {
            let (batches, parser) = Self.parse(Self.prologue + row + Self.row(2) + Self.epilogue)
            #expect(batches.isEmpty)
            let error = parser.failure as? SluiceError
            #expect(error?.code == .malformedData)
            #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
        }
    }

    @Test func aLengthShorterThanItsHeaderEndsTheResponse() {
        let (_, parser) = Self.parse(Self.prologue + [UInt8(ascii: "D")] + Self.bigEndian(Int32(2)) + Self.epilogue)
        #expect(parser.isComplete)
        #expect((parser.failure as? SluiceError)?.code == .connectionReset)
    }
}
