import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec
import Testing

@Suite struct CSVFormatTests {
    func read(_ text: String, _ options: CSVOptions = CSVOptions()) async throws -> (Schema, [[ScalarValue]]) {
        try await FormatReading.rows(text, format: CSVFormat(options: options), file: "t.csv")
    }

    func failure(_ text: String, _ options: CSVOptions = CSVOptions()) async -> SluiceError? {
        do {
            _ = try await read(text, options)
            return nil
        } catch {
            return error as? SluiceError
        }
    }

    @Test func infersTheNarrowestTypePerColumn() async throws {
        let (schema, rows) = try await read("""
            b,i,l,d,day,ts,s,n
            true,1,3000000000,1.5,2025-01-01,2025-01-01 10:00:00,x,
            FALSE,-2,1,2,2025-02-28,2025-01-01T10:00:00Z,1,
            """)
        #expect(schema.fields.map(\.type) == [.boolean, .int32, .int64, .float64, .date, .timestamp, .string, .string])
        #expect(rows[0] == [.boolean(true), .int32(1), .int64(3_000_000_000), .float64(1.5), .date(20_089),
                            .timestamp(1_735_725_600_000_000), .string("x"), .null])
        #expect(rows[1][3] == .float64(2))
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() async throws {
        let (_, rows) = try await read("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\"\n")
        #expect(rows == [[.string("x, y"), .string("say \"hi\"")], [.string("two\nlines"), .string("")]])
    }

    @Test func backslashEscapesWorkWhenConfigured() async throws {
        var options = CSVOptions()
        options.escape = UInt8(ascii: "\\")
        let (_, rows) = try await read("a\n\"say \\\"hi\\\" \\\\ ok\"\n", options)
        #expect(rows == [[.string("say \"hi\" \\ ok")]])
    }

    @Test func crlfBomBlankLinesAndAMissingFinalNewlineAreHandled() async throws {
        let (schema, rows) = try await read("\u{FEFF}id,v\r\n1,a\r\n\r\n2,b")
        #expect(schema.names == ["id", "v"])
        #expect(rows == [[.int32(1), .string("a")], [.int32(2), .string("b")]])
    }

    @Test func withoutAHeaderColumnsAreNumberedAsSparkNamesThem() async throws {
        var options = CSVOptions()
        options.header = false
        let (schema, rows) = try await read("1,x\n2,y\n", options)
        #expect(schema.names == ["_c0", "_c1"])
        #expect(rows.count == 2)
    }

    @Test func duplicateAndEmptyHeaderNamesAreMadeUnique() async throws {
        let (schema, _) = try await read("a,a,,a\n1,2,3,4\n")
        #expect(schema.names == ["a", "a_1", "_c2", "a_2"])
    }

    @Test func emptyInputAndHeaderOnlyInputHaveNoRows() async throws {
        let (emptySchema, emptyRows) = try await read("")
        #expect(emptySchema.fields.isEmpty && emptyRows.isEmpty)
        let (schema, rows) = try await read("a,b\n")
        #expect(schema.names == ["a", "b"] && schema.fields.allSatisfy { $0.type == .string })
        #expect(rows.isEmpty)
    }

    @Test func nullTextAndQuotedEmptyStringsStayDistinct() async throws {
        var options = CSVOptions()
        options.nullValue = "NA"
        let (_, rows) = try await read("s,n\nNA,NA\n\"NA\",1\n,2\n", options)
        #expect(rows == [[.null, .null], [.string("NA"), .int32(1)], [.string(""), .int32(2)]])
    }

    @Test func inferSchemaFalseReadsStrings() async throws {
        var options = CSVOptions()
        options.inferSchema = false
        let (schema, rows) = try await read("n\n1\n", options)
        #expect(schema.fields.map(\.type) == [.string])
        #expect(rows == [[.string("1")]])
    }

    @Test func anExplicitSchemaWinsAndBadValuesNameFileLineAndColumn() async throws {
        var options = CSVOptions()
        options.schema = try Schema(ddl: "id BIGINT, amount DOUBLE")
        let (schema, rows) = try await read("x,y\n1,2.5\n", options)
        #expect(schema.names == ["id", "amount"])
        #expect(rows == [[.int64(1), .float64(2.5)]])
        let error = await failure("id,amount\n1,2.5\n2,abc\n", options)
        #expect(error?.code == .malformedData)
        #expect(error?.location == SourceLocation(file: "t.csv", line: 3, column: 3))
        #expect(error?.message == "column 'amount': 'abc' is not a DOUBLE")
    }

    @Test func parseModesDecideWhatMalformedRowsDo() async throws {
        var options = CSVOptions()
        options.schema = try Schema(ddl: "id INT, v INT")
        let text = "id,v\n1,1\n2,x\n3\n4,4,4\n5,5\n"
        let failFast = await failure(text, options)
        #expect(failFast?.location?.line == 3)
        options.parseMode = .dropMalformed
        #expect(try await read(text, options).1.map { $0[0] } == [.int32(1), .int32(5)])
        options.parseMode = .permissive
        #expect(try await read(text, options).1 == [
            [.int32(1), .int32(1)], [.int32(2), .null], [.int32(3), .null], [.int32(4), .int32(4)], [.int32(5), .int32(5)],
        ])
    }

    @Test func aRowWithTheWrongFieldCountIsAnError() async {
        let error = await failure("a,b\n1,2\n3\n")
        #expect(error?.message == "expected 2 fields, found 1")
        #expect(error?.location?.line == 3)
    }

    @Test func anUnclosedQuoteIsAnErrorAtItsStart() async {
        let error = await failure("a,b\n1,\"open\n2,3\n")
        #expect(error?.message.contains("never closed") == true)
        #expect(error?.location == SourceLocation(file: "t.csv", line: 2, column: 3))
    }

    @Test func largeInputsStreamInBatchesOf64KRows() async throws {
        var text = "n,s\n"
        for index in 0..<150_000 { text += "\(index),v\(index % 7)\n" }
        let format = CSVFormat()
        let data = Data(text.utf8)
        let batches = try await format.read(data, file: "big.csv", schema: try format.inferSchema(of: data, file: "big.csv")).collect()
        #expect(batches.map(\.rowCount) == [65_536, 65_536, 18_928])
        #expect(batches[2].row(18_927) == [.int32(149_999), .string("v3")])
    }
}

@Suite struct CSVProjectionTests {
    @Test func onlyTheRequestedColumnsAreInferredAndParsed() async throws {
        let text = "a,b,c\n1,x,2025-01-01\n2,not-a-number-but-unused,2025-01-02\n"
        let format = CSVFormat()
        let data = Data(text.utf8)
        let schema = try format.inferSchema(of: data, file: "t.csv", columns: ["a", "c"])
        #expect(schema.fields.map(\.type) == [.int32, .string, .date], "b is not examined")
        let batches = try await format.read(data, file: "t.csv", schema: schema, columns: ["c", "a"]).collect()
        #expect(batches.first?.schema.names == ["a", "c"], "file order is kept")
        #expect(batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } } == [
            [.int32(1), .date(20_089)], [.int32(2), .date(20_090)],
        ])
    }

    @Test func aRowWithTheWrongFieldCountIsStillAnErrorWhenPruned() async throws {
        let format = CSVFormat()
        let data = Data("a,b\n1,2\n3\n".utf8)
        let schema = try format.inferSchema(of: data, file: "t.csv", columns: ["a"])
        await #expect(throws: SluiceError.self) {
            _ = try await format.read(data, file: "t.csv", schema: schema, columns: ["a"]).collect()
        }
    }
}
