import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec
import Testing

@Suite struct JSONLinesFormatTests {
    func read(_ text: String, _ options: JSONLinesOptions = JSONLinesOptions()) async throws -> (Schema, [[ScalarValue]]) {
        try await FormatReading.rows(text, format: JSONLinesFormat(options: options), file: "t.json")
    }

    @Test func repeatedStringsAreReadAsDictionaryCodes() async throws {
        let text = (0..<2_000).map { #"{"region": "\#(["east", "wést"][$0 % 2])", "note": "n\#($0)"}"# }.joined(separator: "\n")
        let data = Data(text.utf8)
        let format = JSONLinesFormat(options: JSONLinesOptions())
        let schema = try format.inferSchema(of: data, file: "t.json")
        let batch = try #require(try await format.read(data, file: "t.json", schema: schema).collect().first)
        let region = batch.columns[schema.fields.firstIndex { $0.name == "region" }!]
        #expect(region.dictionary?.values.count == 2)
        #expect(region.value(at: 1) == .string("wést"))
        let note = batch.columns[schema.fields.firstIndex { $0.name == "note" }!]
        #expect(note.dictionary == nil)
        #expect(note.value(at: 1_999) == .string("n1999"))
    }

    @Test func inferenceWidensNumbersAndKeepsKeysInFirstSeenOrder() async throws {
        let (schema, rows) = try await read("""
            {"a": 1, "b": true, "c": "x"}

            {"d": null, "a": 5000000000, "e": 1, "c": 2}
            {"a": 1.5, "e": 2, "f": {"k": [1, 2]}}
            """)
        #expect(schema.names == ["a", "b", "c", "d", "e", "f"])
        #expect(schema.fields.map(\.type) == [.float64, .boolean, .string, .string, .int32, .struct([Field("k", .array(.int32))])])
        #expect(rows[0] == [.float64(1), .boolean(true), .string("x"), .null, .null, .null])
        #expect(rows[1][2] == .string("2"), "a number in a string column keeps its JSON text")
        #expect(rows[2][5] == .struct([.array([.int32(1), .int32(2)])]))
    }

    @Test func objectsAndArraysInferAsStructsAndArraysMergedAcrossLines() async throws {
        let (schema, rows) = try await read("""
            {"id": 1, "point": {"x": 1, "tags": ["a"]}, "items": [{"sku": "p1", "qty": 2}], "mixed": [1, "a"], "empty": []}
            {"id": 2, "point": {"y": 2.5, "x": 5000000000}, "items": [], "mixed": null, "empty": []}
            {"id": 3, "point": null, "items": [{"qty": 1.5}, null]}
            """)
        #expect(schema.fields.map(\.type) == [
            .int32,
            .struct([Field("x", .int64), Field("tags", .array(.string)), Field("y", .float64)]),
            .array(.struct([Field("sku", .string), Field("qty", .float64)])),
            .array(.string),
            .array(.string),
        ])
        #expect(rows[0][1] == .struct([.int64(1), .array([.string("a")]), .null]))
        #expect(rows[1][1] == .struct([.int64(5_000_000_000), .null, .float64(2.5)]))
        #expect(rows[2][2] == .array([.struct([.null, .float64(1.5)]), .null]))
        #expect(rows[0][3] == .array([.string("1"), .string("a")]), "elements that disagree are text")
        #expect(rows[0][4] == .array([]))
        // A schema can ask for a map instead of a struct.
        var options = JSONLinesOptions()
        options.schema = Schema([Field("point", .map(key: .string, value: .float64))])
        let (_, mapped) = try await read(#"{"point": {"x": 1, "y": 2.5}}"#, options)
        #expect(mapped == [[.map(keys: [.string("x"), .string("y")], values: [.float64(1), .float64(2.5)])]])
    }

    @Test func aLineThatIsNotAnObjectFailsWithItsLineAndColumn() async {
        do {
            _ = try await read("{\"a\": 1}\n{\"a\": }\n")
            Issue.record("invalid JSON must fail")
        } catch let error as SluiceError {
            #expect(error.code == .invalidJSON)
            #expect(error.location == SourceLocation(file: "t.json", line: 2, column: 7))
        } catch {
            Issue.record("unexpected \(error)")
        }
        do {
            _ = try await read("{\"a\": 1}\n[1]\n")
            Issue.record("an array line must fail")
        } catch let error as SluiceError {
            #expect(error.code == .malformedData)
            #expect(error.location?.line == 2)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func anExplicitSchemaConvertsValuesAndParseModesHandleMismatches() async throws {
        var options = JSONLinesOptions()
        options.schema = try Schema(ddl: "id BIGINT, day DATE, at TIMESTAMP")
        let text = """
            {"id": 1, "day": "2025-01-01", "at": "2025-01-01T00:00:01Z", "ignored": 3}
            {"id": "two", "day": "2025-01-02"}
            """
        do {
            _ = try await read(text, options)
            Issue.record("a string id must fail in failFast")
        } catch let error as SluiceError {
            #expect(error.message == #"column 'id': "two" is not a BIGINT"#)
            #expect(error.location?.line == 2)
        }
        options.parseMode = .permissive
        let (_, rows) = try await read(text, options)
        #expect(rows == [[.int64(1), .date(20_089), .timestamp(1_735_689_601_000_000)], [.null, .date(20_090), .null]])
        options.parseMode = .dropMalformed
        #expect(try await read(text, options).1.count == 1)
    }

    @Test func writerOmitsNullsAndRoundTripsEveryType() async throws {
        let schema = Schema([Field("b", .boolean), Field("i", .int32), Field("l", .int64), Field("d", .float64),
                             Field("s", .string), Field("day", .date), Field("ts", .timestamp)])
        let rows: [[ScalarValue]] = [
            [.boolean(true), .int32(-1), .int64(9_000_000_000), .float64(0.1), .string("q\"\n\u{1}é"), .date(-1), .timestamp(1_500_000)],
            [.null, .null, .null, .float64(.infinity), .string(""), .null, .null],
        ]
        let batch = Self.batch(schema, rows)
        var writer = JSONLinesFormat().makeWriter(schema: schema)
        let text = String(decoding: writer.header() + (try writer.encode(batch)) + (try writer.footer()), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == #"{"b":true,"i":-1,"l":9000000000,"d":0.1,"s":"q\"\n\u0001é","day":"1969-12-31","ts":"1970-01-01T00:00:01.5Z"}"#)
        #expect(lines[1] == #"{"d":"Infinity","s":""}"#)
        var options = JSONLinesOptions()
        options.schema = schema
        let (_, back) = try await read(text, options)
        #expect(back == rows)
    }

    static func batch(_ schema: Schema, _ rows: [[ScalarValue]]) -> RecordBatch {
        RecordBatch(schema: schema, columns: schema.fields.indices.map { column in
            var builder = ColumnBuilder(type: schema.fields[column].type)
            rows.forEach { builder.append($0[column]) }
            return builder.finish()
        })
    }
}
