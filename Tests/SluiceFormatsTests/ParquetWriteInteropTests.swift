import Foundation
import SluiceEngine
@testable import SluiceFormats
import SluiceSpec
import Testing

/// Files Sluice writes, read back by pyarrow, DuckDB and Sluice itself, value by value.
@Suite struct ParquetWriteInteropTests {
    static let schema = Schema([
        Field("flag", .boolean), Field("small", .int32), Field("big", .int64), Field("ratio", .float64),
        Field("label", .string), Field("day", .date), Field("at", .timestamp), Field("id", .int64, nullable: false),
        Field("tiny", .int8), Field("short", .int16), Field("single", .float32), Field("price", .decimal(precision: 9, scale: 2)),
        Field("amount", .decimal(precision: 18, scale: 4)), Field("huge", .decimal(precision: 38, scale: 10)),
        Field("blob", .binary), Field("local", .timestampNTZ),
    ])

    /// Rows with a null pattern per column, repeated strings (dictionary-friendly) and edge values.
    static func rows(_ count: Int) -> [[ScalarValue]] {
        (0..<count).map { index -> [ScalarValue] in
            let small: Int32 = index == 1 ? Int32.min : Int32(index % 1000) * (index % 2 == 0 ? 1 : -1)
            let big: Int64 = Int64(index) * 1_000_000_007 - (index == 2 ? Int64.max : 0)
            let ratio: Double = index == 3 ? -0.0 : Double(index) / 7.0 - 50
            let label: String = index % 17 == 0 ? "" : "label \(index % 50) ✓"
            let at: Int64 = Int64(index) * 3_600_000_123 - 86_400_000_000
            var row: [ScalarValue] = []
            row.append(index % 7 == 0 ? .null : .boolean(index % 3 == 0))
            row.append(index % 5 == 0 ? .null : .int32(small))
            row.append(index % 11 == 0 ? .null : .int64(big))
            row.append(index % 13 == 0 ? .null : .float64(ratio))
            row.append(index % 3 == 0 ? .null : .string(label))
            row.append(index % 19 == 0 ? .null : .date(Int32(index % 20000) - 5000))
            row.append(index % 23 == 0 ? .null : .timestamp(at))
            row.append(.int64(Int64(index)))
            row.append(index % 29 == 0 ? .null : .int8(Int8(truncatingIfNeeded: index * 7)))
            row.append(.int16(Int16(truncatingIfNeeded: index * 331)))
            row.append(index % 31 == 0 ? .null : .float32(Float(index) / 3 - 77))
            row.append(index % 37 == 0 ? .null : .decimal(DecimalValue(unscaled: Int128(index * 9973 % 199_999) - 99_999, scale: 2)))
            row.append(.decimal(DecimalValue(unscaled: Int128(index) * 1_000_000_007 - 7_000_000_000_000, scale: 4)))
            let huge = Int128(index) * 10_000_000_000_000_000_000_000_000 + Int128(index)
            row.append(index % 41 == 0 ? .null : .decimal(DecimalValue(unscaled: index % 2 == 0 ? huge : -huge, scale: 10)))
            row.append(index % 43 == 0 ? .null : .binary(index % 10 == 0 ? [] : [0, 255, UInt8(index % 256), 0x80]))
            row.append(index % 47 == 0 ? .null : .timestampNTZ(Int64(index) * 1_000_001 - 500_000_000))
            return row
        }
    }

    static func write(_ rows: [[ScalarValue]], options: ParquetWriteOptions, batchRows: Int = 4096) throws -> [UInt8] {
        var writer = ParquetFormat(options: options).makeWriter(schema: schema)
        var bytes = writer.header()
        for start in stride(from: 0, to: rows.count, by: batchRows) {
            let slice = Array(rows[start..<min(rows.count, start + batchRows)])
            bytes += try writer.encode(JSONLinesFormatTests.batch(schema, slice))
        }
        bytes += try writer.footer()
        return bytes
    }

    static let settings: [(ParquetCompression, Bool)] = ParquetCompression.allCases.flatMap { [($0, true), ($0, false)] }

    @Test(arguments: settings)
    func referenceReadersReadWhatSluiceWrites(compression: ParquetCompression, dictionary: Bool) async throws {
        var options = ParquetWriteOptions()
        options.compression = compression
        options.dictionary = dictionary
        options.rowGroupBytes = 64 * 1024
        let rows = Self.rows(20_000)
        let directory = try InteropFixtures.temporaryDirectory("parquet-write")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("out.parquet")
        try Data(try Self.write(rows, options: options)).write(to: file)
        let expected = rows.map { $0.map(InteropFixtures.canonical) }
        for engine in ["pyarrow", "duckdb"] {
            let output = try InteropFixtures.python("parquet_interop.py", ["read", engine, file.path])
            let result = try JSONSerialization.jsonObject(with: output) as! [String: Any]
            #expect(result["columns"] as? [String] == Self.schema.names)
            InteropFixtures.compare(expected: expected, actual: (result["rows"] as! [[Any]]).map { $0 },
                                    columns: Self.schema.names, label: "\(engine) \(compression) dictionary=\(dictionary)")
            if engine == "pyarrow" {
                #expect(result["types"] as? [String] == ["bool", "int32", "int64", "double", "string", "date32[day]",
                                                         "timestamp[us, tz=UTC]", "int64", "int8", "int16", "float",
                                                         "decimal128(9, 2)", "decimal128(18, 4)", "decimal128(38, 10)",
                                                         "binary", "timestamp[us]"])
            }
        }
        // And Sluice reads its own file back, with several row groups.
        let data = try Data(contentsOf: file)
        let footer = try ParquetFooter(data, file: file.path)
        #expect(footer.metadata.rowGroups.count > 1)
        let schema = try ParquetFormat().inferSchema(of: data, file: file.path)
        // Every column is written OPTIONAL, so a non-nullable engine field reads back nullable.
        #expect(schema.fields.map { Field($0.name, $0.type) } == Self.schema.fields.map { Field($0.name, $0.type) })
        let batches = try await ParquetFormat().read(data, file: file.path, schema: schema).collect()
        #expect(batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } } == rows)
    }

    @Test func footerCarriesStatisticsAndEncodings() throws {
        var options = ParquetWriteOptions()
        options.rowGroupBytes = 1 << 30
        let rows = Self.rows(1000)
        let bytes = try Self.write(rows, options: options)
        let footer = try ParquetFooter(Data(bytes), file: "stats.parquet")
        #expect(footer.metadata.numRows == 1000)
        let columns = footer.metadata.rowGroups[0].columns.map { $0.metaData! }
        let small = columns[1].statistics!
        #expect(small.nullCount == 200)
        #expect(small.minValue == ColumnStatisticsBuilder.littleEndian(Int32.min))
        #expect(small.maxValue == ColumnStatisticsBuilder.littleEndian(Int32(998)))
        let label = columns[4].statistics!
        #expect(label.minValue == Array("".utf8))
        #expect(label.maxValue == Array("label 9 ✓".utf8))
        #expect(columns[4].encodings.contains(.rleDictionary))
        #expect(columns[4].dictionaryPageOffset != nil)
        #expect(columns[0].encodings.contains(.plain) && !columns[0].encodings.contains(.rleDictionary))
    }

    @Test func bigDictionaryFallsBackToPlain() throws {
        var options = ParquetWriteOptions()
        options.dictionaryPageBytes = 10_000
        let schema = Schema([Field("unique", .string)])
        let batch = JSONLinesFormatTests.batch(schema, (0..<5000).map { [.string("distinct value number \($0)")] })
        var writer = ParquetFormat(options: options).makeWriter(schema: schema)
        let bytes = writer.header() + (try writer.encode(batch.slice(0, 1000))) + (try writer.encode(batch.slice(1000, 4000)))
            + (try writer.footer())
        let footer = try ParquetFooter(Data(bytes), file: "fallback.parquet")
        let encodings = footer.metadata.rowGroups[0].columns[0].metaData!.encodings
        #expect(encodings.contains(.rleDictionary) && encodings.contains(.plain))
    }
}

/// Row groups whose statistics rule out the scan's predicates are not read.
@Suite struct ParquetRowGroupSkippingTests {
    static let schema = Schema([Field("id", .int64), Field("label", .string), Field("maybe", .int32)])

    /// Three row groups: ids 0–999, 1000–1999, 2000–2999; labels by group; `maybe` null in the first.
    static func file() throws -> Data {
        var options = ParquetWriteOptions()
        options.rowGroupBytes = 1
        var writer = ParquetFormat(options: options).makeWriter(schema: schema)
        var bytes = writer.header()
        for group in 0..<3 {
            let rows: [[ScalarValue]] = (0..<1000).map { row in
                [.int64(Int64(group * 1000 + row)), .string("group \(group)"), group == 0 ? .null : .int32(Int32(row))]
            }
            bytes += try writer.encode(JSONLinesFormatTests.batch(schema, rows))
        }
        return Data(bytes + (try writer.footer()))
    }

    func rowCount(_ predicates: [ScanPredicate]) async throws -> Int {
        let data = try Self.file()
        let batches = try await ParquetFormat().read(data, file: "g.parquet", schema: Self.schema, columns: nil,
                                                     predicates: predicates).collect()
        return batches.reduce(0) { $0 + $1.rowCount }
    }

    @Test func skipsGroupsByMinMaxAndNullCount() async throws {
        #expect(try await rowCount([]) == 3000)
        #expect(try await rowCount([ScanPredicate(column: "id", test: .greaterOrEqual(.int32(2500)))]) == 1000)
        #expect(try await rowCount([ScanPredicate(column: "ID", test: .less(.int64(1000)))]) == 1000)
        #expect(try await rowCount([ScanPredicate(column: "label", test: .oneOf([.string("group 1"), .string("group 2")]))]) == 2000)
        #expect(try await rowCount([ScanPredicate(column: "label", test: .equal(.string("group 9")))]) == 0)
        #expect(try await rowCount([ScanPredicate(column: "maybe", test: .isNull)]) == 1000)
        #expect(try await rowCount([ScanPredicate(column: "maybe", test: .greater(.int32(5)))]) == 2000)
        #expect(try await rowCount([ScanPredicate(column: "absent", test: .equal(.int32(1)))]) == 3000)
    }
}
