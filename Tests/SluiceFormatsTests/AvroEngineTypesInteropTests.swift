import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec
import Testing

/// Columns of the engine's narrower and exact types (tinyint, smallint, float, decimal,
/// binary, timestamp_ntz) written as Avro by Sluice, read by fastavro and the Apache avro
/// package value by value, and read back by Sluice.
@Suite struct AvroEngineTypesInteropTests {
    static let schema = Schema([
        Field("tiny", .int8), Field("short", .int16, nullable: false), Field("single", .float32),
        Field("price", .decimal(precision: 12, scale: 3)), Field("huge", .decimal(precision: 38, scale: 9), nullable: false),
        Field("blob", .binary), Field("local", .timestampNTZ),
    ])

    static func rows(_ count: Int) -> [[ScalarValue]] {
        (0..<count).map { index in
            let huge = Int128(index) * 10_000_000_000_000_000_000_000_000_000 + Int128(index * 7919)
            return [
                index % 5 == 0 ? .null : .int8(Int8(truncatingIfNeeded: index * 37)),
                .int16(Int16(truncatingIfNeeded: index * 1009)),
                index % 7 == 0 ? .null : .float32(Float(index) / 8 - 21.75),
                index % 3 == 0 ? .null : .decimal(DecimalValue(unscaled: Int128(index) * 1_000_003 - 500_000_000, scale: 3)),
                .decimal(DecimalValue(unscaled: index % 2 == 0 ? huge : -huge, scale: 9)),
                index % 4 == 0 ? .null : .binary(index % 8 == 1 ? [] : [0, 0xFF, UInt8(index % 256), 0x80]),
                index % 6 == 0 ? .null : .timestampNTZ(Int64(index) * 86_400_000_123 - 1_000_000_000_000),
            ]
        }
    }

    /// A value as the interop script renders what the Python libraries read (`$unscaled`, `$hex`, micros).
    static func raw(_ value: ScalarValue) -> String {
        switch value {
        case .null: "null"
        case .int8(let v): String(v)
        case .int16(let v): String(v)
        case .float32(let v): String(Double(v))
        case .decimal(let v): "{\"$unscaled\":\"\(v.unscaled)\"}"
        case .binary(let v): "{\"$hex\":\"\(v.map { String(format: "%02x", $0) }.joined())\"}"
        case .timestampNTZ(let v): String(v)
        default: "unexpected \(value)"
        }
    }

    static func raw(_ node: JSONNode?) -> String {
        guard let node else { return "missing" }
        switch node.value {
        case .null: return "null"
        case .number(let text): return Double(text).map { $0 == $0.rounded() && abs($0) < 1e15 && !text.contains(".") ? text : String($0) } ?? text
        default:
            if let unscaled = node["$unscaled"]?.stringValue { return "{\"$unscaled\":\"\(unscaled)\"}" }
            if let hex = node["$hex"]?.stringValue { return "{\"$hex\":\"\(hex)\"}" }
            return node.jsonText
        }
    }

    /// Has both Python libraries read `data`, and records the first record of each whose
    /// rendering (`render` gives the actual and the expected texts) differs from its row.
    static func compareWithReferenceLibraries(_ data: Data, rows: [[ScalarValue]],
                                              render: ([ScalarValue], JSONNode) -> ([String], [String])) throws {
        let directory = try AvroTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("written.avro")
        try data.write(to: file)
        let output = try JSONParser.parse(try AvroTestSupport.python(["read", file.path]), file: "read output")
        for library in ["fastavro", "avro"] {
            let records = output[library]?.elements ?? []
            #expect(records.count == rows.count, "\(library)")
            for (index, (row, record)) in zip(rows, records).enumerated() {
                let (actual, expected) = render(row, record)
                if actual != expected {
                    Issue.record("\(library) record \(index): \(actual) != \(expected)")
                    break
                }
            }
        }
    }

    @Test(arguments: [AvroCodec.null, .snappy, .zstandard])
    func theReferenceLibrariesReadWhatSluiceWrites(codec: AvroCodec) async throws {
        let rows = Self.rows(400)
        let batch = JSONLinesFormatTests.batch(Self.schema, rows)
        var options = AvroOptions()
        options.codec = codec
        let data = try AvroContainerTests.write([batch], options: options)
        try Self.compareWithReferenceLibraries(data, rows: rows) { row, record in
            (Self.schema.names.map { Self.raw(record[$0]) }, row.map(Self.raw))
        }
        // Sluice reads it back: Avro has no tinyint or smallint, so those come back as INT.
        let (schema, back) = try await AvroContainerTests.read(data)
        #expect(schema.fields.map(\.type) == [.int32, .int32, .float32, .decimal(precision: 12, scale: 3),
                                              .decimal(precision: 38, scale: 9), .binary, .timestampNTZ])
        #expect(back == rows.map { row in row.enumerated().map { $0.offset < 2 ? $0.element.cast(to: .int32) : $0.element } })
    }
}

/// Struct, array and map columns written as Avro records, arrays and maps, read by the
/// reference libraries and back by Sluice.
@Suite struct AvroNestedInteropTests {
    static let schema = Schema([
        Field("id", .int64, nullable: false),
        Field("rec", .struct([Field("a", .int32), Field("b", .string)])),
        Field("tags", .array(.string)),
        Field("attrs", .map(key: .string, value: .int64)),
        Field("people", .array(.struct([Field("name", .string), Field("score", .float64)]))),
    ])

    static func rows(_ count: Int) -> [[ScalarValue]] {
        (0..<count).map { i -> [ScalarValue] in
            let record: ScalarValue = i % 5 == 0 ? .null : .struct([i % 3 == 0 ? .null : .int32(Int32(i)), .string("b\(i)")])
            let tags: [ScalarValue] = (0..<(i % 4)).map { $0 == 2 ? .null : .string("t\($0)") }
            let keys: [ScalarValue] = (0..<(i % 3)).map { .string("k\($0)") }
            let values: [ScalarValue] = (0..<(i % 3)).map { $0 == 1 ? .null : .int64(Int64(i * $0)) }
            let people: [ScalarValue] = (0..<(i % 3)).map { j in .struct([.string("p\(j)"), j == 1 ? .null : .float64(Double(i) / 4)]) }
            return [.int64(Int64(i)), record, i % 7 == 0 ? .null : .array(tags), i % 4 == 0 ? .null : .map(keys: keys, values: values),
                    .array(people)]
        }
    }

    @Test func theReferenceLibrariesReadNestedColumnsSluiceWrites() async throws {
        let rows = Self.rows(300)
        let data = try AvroContainerTests.write([JSONLinesFormatTests.batch(Self.schema, rows)], options: AvroOptions())
        try AvroEngineTypesInteropTests.compareWithReferenceLibraries(data, rows: rows) { row, record in
            (Self.schema.fields.map { record[$0.name]?.jsonText ?? "missing" },
             zip(row, Self.schema.fields).map { NestedJSONText.text($0, type: $1.type) })
        }
        let (schema, back) = try await AvroContainerTests.read(data)
        #expect(schema.fields.map(\.type) == Self.schema.fields.map(\.type))
        #expect(back == rows)
    }
}

extension AvroNestedInteropTests {
    @Test func arraysAndMapsTheReferenceLibrariesWriteReadAsColumns() async throws {
        let manifest = try AvroInteropTests.manifest.get()
        let data = try Data(contentsOf: manifest.directory.appendingPathComponent("all-fastavro-snappy.avro"))
        let (schema, rows) = try await AvroContainerTests.read(data, columns: ["a", "m"])
        #expect(schema.fields.map(\.type) == [.array(.int64), .map(key: .string, value: .string)])
        let records = manifest.records["all"] ?? []
        #expect(rows.count == records.count && !rows.isEmpty)
        for (row, record) in zip(rows, records) {
            let items = (record["a"]?.elements ?? []).map { ScalarValue.int64(Int64($0.jsonText)!) }
            let entries = (record["m"]?.members ?? []).sorted { $0.key < $1.key }
            #expect(row == [.array(items), .map(keys: entries.map { .string($0.key) }, values: entries.map { .string($0.value.stringValue ?? "") })])
        }
    }
}

extension AvroNestedInteropTests {
    @Test func unionsOfSeveralTypesReadAsStructsOfMembersAsSparkReadsThem() async throws {
        let manifest = try AvroInteropTests.manifest.get()
        let data = try Data(contentsOf: manifest.directory.appendingPathComponent("all-avro-deflate.avro"))
        let (schema, rows) = try await AvroContainerTests.read(data, columns: ["u"])
        #expect(schema.fields.map(\.type) == [.struct([Field("member0", .string), Field("member1", .int64)])])
        let records = manifest.records["all"] ?? []
        #expect(rows.count == records.count && !rows.isEmpty)
        for (row, record) in zip(rows, records) {
            let expected: ScalarValue
            switch record["u"]?.value {
            case .string(let text)?: expected = .struct([.string(text), .null])
            case .number(let text)?: expected = .struct([.null, .int64(Int64(text)!)])
            default: expected = .null
            }
            #expect(row == [expected])
        }
        // Only ints and longs widen to BIGINT; only floats and doubles to DOUBLE.
        let numbers = try AvroSchemaParser.parse(#"{"type": "record", "name": "r", "fields": [{"name": "n", "type": ["int", "long", "null"]}, {"name": "x", "type": ["float", "double"]}]}"#)
        var writer = AvroContainerWriter(schema: numbers, codec: .null)
        try writer.append(.record([.union(branch: 0, .int(7)), .union(branch: 0, .float(1.5))]))
        try writer.append(.record([.union(branch: 2, .null), .union(branch: 1, .double(-2.25))]))
        let (numberSchema, numberRows) = try await AvroContainerTests.read(Data(try writer.finish()))
        #expect(numberSchema.fields.map(\.type) == [.int64, .float64])
        #expect(numberRows == [[.int64(7), .float64(1.5)], [.null, .float64(-2.25)]])
    }
}

extension AvroNestedInteropTests {
    @Test func aFixedUUIDReadsAsItsCanonicalText() async throws {
        let schema = try AvroSchemaParser.parse(#"{"type": "record", "name": "r", "fields": [{"name": "id", "type": {"type": "fixed", "name": "U", "size": 16, "logicalType": "uuid"}}]}"#)
        var writer = AvroContainerWriter(schema: schema, codec: .null)
        try writer.append(.record([.fixed([0xa0, 0xee, 0xbc, 0x99, 0x9c, 0x0b, 0x4e, 0xf8, 0xbb, 0x6d, 0x6b, 0xb9, 0xbd, 0x38, 0x0a, 0x11])]))
        let (_, rows) = try await AvroContainerTests.read(Data(try writer.finish()))
        #expect(rows == [[.string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")]])
    }
}
