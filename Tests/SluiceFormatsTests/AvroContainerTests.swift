import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec
import Testing

@Suite struct AvroContainerTests {
    /// A dataset of every engine type, with nulls in the nullable columns.
    static func dataset(rows: Int, seed: UInt64) -> RecordBatch {
        var random = SeededGenerator(seed: seed)
        let schema = Schema([Field("flag", .boolean, nullable: false), Field("small", .int32), Field("big", .int64, nullable: false),
                             Field("ratio", .float64), Field("name", .string), Field("day", .date), Field("at", .timestamp)])
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        for row in 0..<rows {
            let null = row % 5 == 3
            builders[0].append(Bool.random(using: &random))
            if null { builders[1].appendNull() } else { builders[1].append(Int32.random(in: .min ... .max, using: &random)) }
            builders[2].append(Int64.random(in: .min ... .max, using: &random))
            if null { builders[3].appendNull() } else { builders[3].append(Double.random(in: -1e9...1e9, using: &random)) }
            if row % 7 == 2 { builders[4].appendNull() } else { builders[4].append("name \(row) é😀") }
            if null { builders[5].appendNull() } else { builders[5].append(Int32.random(in: -40000...40000, using: &random)) }
            if row % 4 == 1 { builders[6].appendNull() } else { builders[6].append(Int64.random(in: -(1 << 55)...(1 << 55), using: &random)) }
        }
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
    }

    static func write(_ batches: [RecordBatch], options: AvroOptions) throws -> Data {
        var writer = AvroFormat(options: options).makeWriter(schema: batches[0].schema)
        var bytes = writer.header()
        for batch in batches { bytes += try writer.encode(batch) }
        return Data(bytes + (try writer.footer()))
    }

    static func read(_ data: Data, options: AvroOptions = AvroOptions(), columns: Set<String>? = nil) async throws -> (Schema, [[ScalarValue]]) {
        let format = AvroFormat(options: options)
        let schema = try format.inferSchema(of: data, file: "t.avro")
        let batches = try await format.read(data, file: "t.avro", schema: schema, columns: columns).collect()
        return (batches.first?.schema ?? schema, batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } })
    }

    static func rows(_ batch: RecordBatch) -> [[ScalarValue]] { (0..<batch.rowCount).map { batch.row($0) } }

    @Test(arguments: AvroCodec.allCases)
    func engineColumnsRoundTripWithEveryCodec(codec: AvroCodec) async throws {
        let batch = Self.dataset(rows: 3000, seed: 11)
        var options = AvroOptions()
        options.codec = codec
        options.blockSize = 10_000
        let data = try Self.write([batch, batch.slice(0, 10)], options: options)
        let header = try AvroContainerHeader.read([UInt8](data), file: "t.avro")
        #expect(header.codec == codec)
        let (schema, rows) = try await Self.read(data)
        #expect(schema == batch.schema, "nullable columns come back nullable, the others not")
        #expect(rows == Self.rows(batch) + Self.rows(batch.slice(0, 10)))
    }

    @Test func theWrittenSchemaUsesUnionsWithNullAndLogicalTypes() throws {
        let data = try Self.write([Self.dataset(rows: 1, seed: 1)], options: AvroOptions())
        let header = try AvroContainerHeader.read([UInt8](data), file: "t.avro")
        guard case .record(let record) = header.schema else { Issue.record("not a record"); return }
        #expect(record.name.fullName == "topLevelRecord")
        #expect(record.fields.map(\.type.description) == [
            "boolean", "union [null, int]", "long", "union [null, double]", "union [null, string]",
            "union [null, int (date)]", "union [null, long (timestamp-micros)]"])
        #expect(record.fields[1].defaultValue?.jsonText == "null")
    }

    @Test func largeFilesAreSplitAtSyncMarkersAndReadInOrder() async throws {
        let batch = Self.dataset(rows: 20_000, seed: 3)
        var options = AvroOptions()
        options.blockSize = 4096
        options.codec = .deflate
        let data = try Self.write([batch], options: options)
        var small = AvroOptions()
        small.splitSize = 9000
        let (_, split) = try await Self.read(data, options: small)
        #expect(split == Self.rows(batch))
        let header = try AvroContainerHeader.read([UInt8](data), file: "t.avro")
        #expect(data.count / small.splitSize > 10, "the file spans many splits")
        _ = header
    }

    @Test func onlyTheRequestedColumnsAreDecoded() async throws {
        let batch = Self.dataset(rows: 100, seed: 4)
        let data = try Self.write([batch], options: AvroOptions())
        let (schema, rows) = try await Self.read(data, columns: ["name", "big"])
        #expect(schema.names == ["big", "name"])
        #expect(rows == (0..<100).map { [batch.columns[2].value(at: $0), batch.columns[4].value(at: $0)] })
    }

    @Test func aReaderSchemaEvolvesTheData() async throws {
        let batch = Self.dataset(rows: 50, seed: 5)
        let data = try Self.write([batch], options: AvroOptions())
        var options = AvroOptions()
        options.readerSchema = try AvroSchemaParser.parse("""
            {"type": "record", "name": "topLevelRecord", "fields": [
              {"name": "big", "type": "double"}, {"name": "flag", "type": "boolean"},
              {"name": "country", "type": "string", "default": "NZ"}, {"name": "label", "aliases": ["name"], "type": ["null", "string"]}]}
            """)
        let (schema, rows) = try await Self.read(data, options: options)
        #expect(schema.names == ["big", "flag", "country", "label"])
        #expect(schema.fields.map(\.type) == [.float64, .boolean, .string, .string])
        #expect(rows == (0..<50).map { row in
            guard case .int64(let big) = batch.columns[2].value(at: row) else { return [] }
            return [.float64(Double(big)), batch.columns[0].value(at: row), .string("NZ"), batch.columns[4].value(at: row)]
        })
        // The top-level record's name need not match the file's, as with Spark's avroSchema.
        options.readerSchema = try AvroSchemaParser.parse(#"{"type": "record", "name": "com.acme.Order", "fields": [{"name": "flag", "type": "boolean"}]}"#)
        #expect(try await Self.read(data, options: options).1 == (0..<50).map { [batch.columns[0].value(at: $0)] })
        options.readerSchema = try AvroSchemaParser.parse(#"{"type": "record", "name": "topLevelRecord", "fields": [{"name": "flag", "type": "int"}]}"#)
        await #expect(throws: SluiceError.self) { try await Self.read(data, options: options) }
    }

    @Test func columnsWithoutAnEngineTypeFailOnlyWhenRead() async throws {
        let schema = try AvroSchemaParser.parse(#"{"type": "record", "name": "r", "fields": [{"name": "id", "type": "long"}, {"name": "payload", "type": {"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"]}]}}, {"name": "tags", "type": {"type": "array", "items": "string"}}]}"#)
        var writer = AvroContainerWriter(schema: schema, codec: .snappy)
        for id in 0..<10 { try writer.append(.record([.long(Int64(id)), .record([.union(branch: 0, .null)]), .array([.string("t")])])) }
        let data = Data(try writer.finish())
        let (_, ids) = try await Self.read(data, columns: ["id"])
        #expect(ids == (0..<10).map { [.int64(Int64($0))] })
        do {
            _ = try await Self.read(data)
            Issue.record("reading a column of a recursive record must fail")
        } catch let error as SluiceError {
            #expect(error.code == .unsupported)
            #expect(error.message.contains("'payload'") && error.message.contains("record Node"), "\(error)")
        }
    }

    @Test(arguments: AvroCodec.allCases)
    func everyTypeRoundTripsThroughAContainerFile(codec: AvroCodec) throws {
        let schema = try AvroSchemaParser.parse(AvroSchemaFixtures.allTypes)
        var generator = AvroValueGenerator(random: SeededGenerator(seed: 21))
        let values = (0..<300).map { _ in generator.value(schema) }
        var writer = AvroContainerWriter(schema: schema, codec: codec, blockSize: 2000)
        for value in values { try writer.append(value) }
        let (header, back) = try AvroContainerWriter.values(of: try writer.finish())
        #expect(header.schema.canonicalForm == schema.canonicalForm)
        #expect(back == values)
    }

    @Test func aWriterSchemaConvertsColumnsAndFillsDefaults() async throws {
        let batch = Self.dataset(rows: 40, seed: 8)
        var options = AvroOptions()
        options.writerSchema = try AvroSchemaParser.parse("""
            {"type": "record", "name": "Out", "namespace": "com.acme", "fields": [
              {"name": "BIG", "type": "double"}, {"name": "flag", "type": "boolean"},
              {"name": "name", "type": ["null", "bytes"]}, {"name": "at", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
              {"name": "small", "type": ["null", "long"]}, {"name": "ratio", "type": ["null", "float"]},
              {"name": "source", "type": {"type": "enum", "name": "Source", "symbols": ["WEB", "SHOP"]}, "default": "SHOP"}]}
            """)
        let data = try Self.write([batch], options: options)
        let (header, values) = try AvroContainerWriter.values(of: [UInt8](data))
        #expect(header.schema.fullName == "com.acme.Out")
        for (row, value) in values.enumerated() {
            let source = batch.row(row)
            guard case .record(let fields) = value, case .int64(let big) = source[2] else { Issue.record("row \(row)"); continue }
            #expect(fields[0] == .double(Double(big)))
            #expect(fields[1] == (source[0] == .boolean(true) ? .boolean(true) : .boolean(false)))
            if case .string(let name) = source[4] { #expect(fields[2] == .union(branch: 1, .bytes(Array(name.utf8)))) } else { #expect(fields[2] == .union(branch: 0, .null)) }
            if case .timestamp(let micros) = source[6] {
                #expect(fields[3] == .union(branch: 1, .long((micros - ((micros % 1000) + 1000) % 1000) / 1000)))
            } else {
                #expect(fields[3] == .union(branch: 0, .null))
            }
            if case .int32(let small) = source[1] { #expect(fields[4] == .union(branch: 1, .long(Int64(small)))) }
            if case .float64(let ratio) = source[3] { #expect(fields[5] == .union(branch: 1, .float(Float(ratio)))) }
            #expect(fields[6] == .enumeration("SHOP"))
        }
        // A null in a field that takes none, a value no enum symbol names: errors naming the column.
        options.writerSchema = try AvroSchemaParser.parse(#"{"type": "record", "name": "r", "fields": [{"name": "small", "type": "int"}]}"#)
        #expect(throws: SluiceError.self) { try Self.write([batch], options: options) }
        options.writerSchema = try AvroSchemaParser.parse(#"{"type": "record", "name": "r", "fields": [{"name": "flag", "type": "string"}]}"#)
        #expect(throws: SluiceError.self) { try Self.write([batch], options: options) }
        options.writerSchema = try AvroSchemaParser.parse(#"{"type": "record", "name": "r", "fields": [{"name": "missing", "type": "int"}]}"#)
        #expect(throws: SluiceError.self) { try Self.write([batch], options: options) }
    }

    @Test func columnNamesAvroCannotHoldAreRefusedWithASuggestion() throws {
        var builder = ColumnBuilder(type: .int32)
        builder.append(Int32(1))
        let batch = RecordBatch(schema: Schema([Field("order id", .int32)]), columns: [builder.finish()])
        do {
            _ = try Self.write([batch], options: AvroOptions())
            Issue.record("an invalid name must be refused")
        } catch let error as SluiceError {
            #expect(error.message.contains("'order id' is not a valid Avro field name"))
            #expect(error.hint?.contains("'order_id'") == true)
        }
    }
}
