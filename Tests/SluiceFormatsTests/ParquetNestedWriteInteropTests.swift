import Foundation
import SluiceEngine
@testable import SluiceFormats
import SluiceSpec
import Testing

/// Nested columns (structs, arrays, maps, at any depth, with nulls at every level) written
/// by Sluice, read back by pyarrow, DuckDB and Sluice itself, value by value.
@Suite struct ParquetNestedWriteInteropTests {
    static let person = DataType.struct([Field("name", .string), Field("score", .float64)])
    static let schema = Schema([
        Field("id", .int64),
        Field("s", .struct([Field("a", .int32), Field("b", .string), Field("d", .date), Field("price", .decimal(precision: 9, scale: 2))])),
        Field("tags", .array(.string)),
        Field("grid", .array(.array(.int32))),
        Field("attrs", .map(key: .string, value: .int64)),
        Field("people", .array(person)),
        Field("lists", .map(key: .string, value: .array(.int32))),
    ])

    static func rows(_ count: Int) -> [[ScalarValue]] {
        (0..<count).map { i in
            let price = ScalarValue.decimal(DecimalValue(unscaled: Int128(i * 37 - 500), scale: 2))
            return [
                .int64(Int64(i)),
                i % 7 == 0 ? .null : .struct([i % 3 == 0 ? .null : .int32(Int32(i)), .string("b\(i % 5)"), .date(Int32(19_000 + i)), price]),
                i % 11 == 0 ? .null : .array((0..<(i % 4)).map { $0 == 1 ? .null : .string("t\($0)") }),
                .array((0..<(i % 3)).map { j in j == 1 && i % 2 == 0 ? .null : .array((0..<j).map { .int32(Int32(i * 10 + $0)) }) }),
                i % 5 == 0 ? .null : .map(keys: (0..<(i % 4)).map { .string("k\($0)") },
                                          values: (0..<(i % 4)).map { $0 == 2 ? .null : .int64(Int64(i + $0)) }),
                .array((0..<(i % 3)).map { j in j == 1 ? .null : .struct([.string("p\(j)"), i % 4 == 0 ? .null : .float64(Double(i) / 4)]) }),
                i % 6 == 0 ? .null : .map(keys: [.string("x")], values: [i % 4 == 0 ? .null : .array([.int32(Int32(i)), .null])]),
            ]
        }
    }

    static func write(_ rows: [[ScalarValue]], batchRows: Int) throws -> [UInt8] {
        var options = ParquetWriteOptions()
        options.rowGroupBytes = 16 * 1024
        var writer = ParquetFormat(options: options).makeWriter(schema: schema)
        var bytes = writer.header()
        for start in stride(from: 0, to: rows.count, by: batchRows) {
            bytes += try writer.encode(JSONLinesFormatTests.batch(schema, Array(rows[start..<min(rows.count, start + batchRows)])))
        }
        return bytes + (try writer.footer())
    }

    @Test func referenceReadersAndSluiceReadWhatSluiceWrites() async throws {
        let rows = Self.rows(3000)
        let directory = try InteropFixtures.temporaryDirectory("parquet-nested-write")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("nested.parquet")
        try Data(try Self.write(rows, batchRows: 700)).write(to: file)
        // The expected JSON of every nested value, as the reference readers are rendered.
        let expected: [[Any]] = try rows.map { row in
            try row.enumerated().map { column, value in
                if column == 0 { return InteropFixtures.canonical(value) }
                if value == .null { return NSNull() }
                return try JSONSerialization.jsonObject(with: Data(NestedJSONText.text(value, type: Self.schema.fields[column].type).utf8))
            }
        }
        for engine in ["pyarrow", "duckdb"] {
            let output = try InteropFixtures.python("parquet_interop.py", ["read", engine, file.path])
            let result = try JSONSerialization.jsonObject(with: output) as! [String: Any]
            #expect(result["columns"] as? [String] == Self.schema.names)
            let actual = result["rows"] as! [[Any]]
            #expect(actual.count == expected.count, "\(engine)")
            var mismatches = 0
            for (index, (want, got)) in zip(expected, actual).enumerated() where mismatches < 3 {
                for column in want.indices where !InteropFixtures.sameJSON(want[column], got[column]) {
                    Issue.record("\(engine) row \(index) column \(Self.schema.names[column]): expected \(want[column]), got \(got[column])")
                    mismatches += 1
                }
            }
            if engine == "pyarrow" {
                #expect((result["types"] as? [String])?[4].hasPrefix("map<string, int64") == true)
                #expect((result["types"] as? [String])?[5] == "list<element: struct<name: string, score: double>>")
            }
        }
        let data = try Data(contentsOf: file)
        #expect(try ParquetFooter(data, file: file.path).metadata.rowGroups.count > 1)
        let schema = try ParquetFormat().inferSchema(of: data, file: file.path)
        #expect(schema.fields.map(\.type) == Self.schema.fields.map(\.type))
        let back = try await ParquetFormat().read(data, file: file.path, schema: schema).collect()
        #expect(back.flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } } == rows)
    }
}
