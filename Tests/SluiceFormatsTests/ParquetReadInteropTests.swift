import Foundation
import SluiceEngine
@testable import SluiceFormats
import SluiceSpec
import Testing

/// Files written by pyarrow and DuckDB, read by Sluice and compared value by value.
@Suite struct ParquetReadInteropTests {
    /// The fixtures, written once per test run.
    static let fixtures: Result<URL, any Error> = Result {
        let directory = try InteropFixtures.temporaryDirectory("parquet-fixtures")
        _ = try InteropFixtures.python("parquet_interop.py", ["write", directory.path])
        return directory
    }

    static var names: [String] {
        let codecs = ["none", "snappy", "gzip", "zstd", "lz4"]
        var names = codecs.flatMap { codec in ["v1-dict", "v1-plain", "v2-dict", "v2-plain"].map { "pyarrow-\(codec)-\($0)" } }
        names += ["pyarrow-encodings-v1", "pyarrow-encodings-v2", "pyarrow-int96", "pyarrow-empty", "duckdb",
                  "pyarrow-batches-v1", "pyarrow-batches-v2"]
        return names
    }

    @Test(arguments: names)
    func readsFileWrittenByReferenceWriter(name: String) async throws {
        let directory = try Self.fixtures.get()
        let file = directory.appendingPathComponent("\(name).parquet").path
        let expectedJSON = try Data(contentsOf: directory.appendingPathComponent("\(name).expected.json"))
        let expected = try JSONSerialization.jsonObject(with: expectedJSON) as! [String: Any]
        let columns = expected["columns"] as! [String]
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let format = ParquetFormat()
        let schema = try format.inferSchema(of: data, file: file)
        #expect(schema.names == columns)
        let batches = try await format.read(data, file: file, schema: schema).collect()
        let rows = batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0).map(InteropFixtures.canonical) } }
        InteropFixtures.compare(expected: expected["rows"] as! [[Any]], actual: rows, columns: columns, label: name)
    }

    @Test func mapsReferenceTypesToEngineTypes() throws {
        let file = try Self.fixtures.get().appendingPathComponent("pyarrow-snappy-v1-dict.parquet").path
        let schema = try ParquetFormat().inferSchema(of: try Data(contentsOf: URL(fileURLWithPath: file)), file: file)
        let types = Dictionary(uniqueKeysWithValues: schema.fields.map { ($0.name, $0.type) })
        #expect(types == [
            "b": .boolean, "i8": .int8, "i16": .int16, "i32": .int32, "i64": .int64, "u8": .int16, "u16": .int32,
            "u32": .int64, "u64": .decimal(precision: 20, scale: 0), "f32": .float32, "f64": .float64, "s": .string, "ls": .string,
            "bin": .binary, "d": .date, "ts_ms": .timestamp, "ts_us": .timestamp, "ts_ns": .timestampNTZ, "ts_local": .timestampNTZ,
            "all_null": .int32, "dec9": .decimal(precision: 9, scale: 2), "dec18": .decimal(precision: 18, scale: 4),
            "dec38": .decimal(precision: 38, scale: 10), "t_ms": .int64, "t_us": .int64,
        ])
    }

    @Test func readsOnlyRequestedColumns() async throws {
        let file = try Self.fixtures.get().appendingPathComponent("pyarrow-zstd-v2-dict.parquet").path
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let format = ParquetFormat()
        let schema = try format.inferSchema(of: data, file: file, columns: ["s", "i64"])
        let batches = try await format.read(data, file: file, schema: schema, columns: ["s", "i64"]).collect()
        #expect(batches.first?.schema.names == ["i64", "s"])
        #expect(batches.reduce(0) { $0 + $1.rowCount } == 3000)
        #expect(batches[0].row(1) == [.int64(1_000_000_007 - (1 << 40)), .string("value-1-é")])
        #expect(batches[0].row(0) == [.null, .null])
    }

    @Test(arguments: ["pyarrow-nested-v1", "pyarrow-nested-v2"])
    func readsNestedColumnsAsNestedTypes(name: String) async throws {
        let directory = try Self.fixtures.get()
        let file = directory.appendingPathComponent("\(name).parquet").path
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("\(name).expected.json"))) as! [String: Any]
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let schema = try ParquetFormat().inferSchema(of: data, file: file)
        let point = DataType.struct([Field("x", .int32), Field("label", .string), Field("price", .decimal(precision: 9, scale: 2)),
                                     Field("day", .date)])
        #expect(schema.fields.map(\.type) == [.int64, point, .array(.int64), .array(point), .array(.array(.int32)),
                                              .map(key: .string, value: .int32), .array(.string)])
        try await compareNested(name: name, data: data, file: file, schema: schema, expected: expected)
        // Read as STRING (as a dataset whose schema says so), the same columns come as JSON text.
        let text = Schema(schema.fields.map { Field($0.name, $0.type.isNested ? .string : $0.type) })
        try await compareNested(name: name, data: data, file: file, schema: text, expected: expected)
    }

    func compareNested(name: String, data: Data, file: String, schema: Schema, expected: [String: Any]) async throws {
        let batches = try await ParquetFormat().read(data, file: file, schema: schema).collect()
        let rows = batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
        let wanted = expected["rows"] as! [[Any]]
        #expect(rows.count == wanted.count)
        var mismatches = 0
        for (row, (got, want)) in zip(rows, wanted).enumerated() where mismatches < 5 {
            for column in 1..<got.count {
                let actual: Any
                switch got[column] {
                case .null: actual = NSNull()
                case .string(let text): actual = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
                default:
                    let text = NestedJSONText.text(got[column], type: schema.fields[column].type)
                    actual = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
                }
                if !InteropFixtures.sameJSON(want[column], actual) {
                    Issue.record("\(name) row \(row) column \(schema.names[column]): expected \(want[column]), got \(got[column])")
                    mismatches += 1
                }
            }
        }
    }
}

extension ParquetReadInteropTests {
    /// String columns read through dictionary pages keep the codes (so grouping works on them),
    /// and the codes always point at the row's value; plain-encoded files keep none.
    @Test func dictionaryEncodedStringsKeepTheirCodes() async throws {
        for (name, dictionaryExpected) in [("pyarrow-snappy-v1-dict", true), ("pyarrow-zstd-v2-dict", true), ("pyarrow-snappy-v1-plain", false)] {
            let file = try Self.fixtures.get().appendingPathComponent("\(name).parquet").path
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let schema = try ParquetFormat().inferSchema(of: data, file: file, columns: ["s"])
            let batches = try await ParquetFormat().read(data, file: file, schema: schema, columns: ["s"]).collect()
            #expect(batches.reduce(0) { $0 + $1.rowCount } == 3000)
            for batch in batches {
                let column = batch.columns[0]
                #expect((column.dictionary != nil) == dictionaryExpected, "\(name)")
                guard let dictionary = column.dictionary else { continue }
                for row in 0..<column.count where !column.isNull(row) {
                    #expect(ScalarValue.string(dictionary.values.string(at: Int(dictionary.codes[row]))) == column.value(at: row))
                }
            }
        }
    }
}

extension ParquetReadInteropTests {
    /// A row group larger than two batches comes as several, cut inside pages; one of up to
    /// two batches (100,000 rows) comes whole. Columns whose pages all go through one
    /// dictionary keep its codes (with nulls across pages and row groups), a column whose
    /// dictionary overflowed into plain pages keeps none.
    @Test(arguments: ["pyarrow-batches-v1", "pyarrow-batches-v2"])
    func largeRowGroupsComeAsBatchesWithTheirDictionaries(name: String) async throws {
        let file = try Self.fixtures.get().appendingPathComponent("\(name).parquet").path
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let columns: Set<String> = ["category", "spill", "status"]
        let schema = try ParquetFormat().inferSchema(of: data, file: file, columns: columns)
        let batches = try await ParquetFormat().read(data, file: file, schema: schema, columns: columns).collect()
        #expect(batches.map(\.rowCount) == [65_536, 65_536, 18_928, 100_000])
        for batch in batches {
            for (field, column) in zip(batch.schema.fields, batch.columns) {
                #expect((column.dictionary != nil) == (field.name != "spill"), "\(name) \(field.name)")
                guard let dictionary = column.dictionary else { continue }
                for row in 0..<column.count {
                    let expected = column.isNull(row) ? ScalarValue.null : .string(dictionary.values.string(at: Int(dictionary.codes[row])))
                    #expect(expected == column.value(at: row), "\(name) \(field.name) row \(row)")
                }
            }
        }
    }
}
