import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec
import Testing

@Suite struct AvroValueCodecTests {
    @Test func integersUseZigZagVarintsAsTheSpecificationsTableShows() throws {
        let cases: [(Int64, [UInt8])] = [(0, [0x00]), (-1, [0x01]), (1, [0x02]), (-2, [0x03]), (2, [0x04]), (-64, [0x7F]), (64, [0x80, 0x01])]
        for (value, bytes) in cases {
            #expect(try AvroValueCodec.encode(.long(value), as: .long()) == bytes)
            #expect(try AvroValueCodec.decode(bytes, as: .long()) == .long(value))
        }
        for value in [Int64.min, Int64.max, Int64(Int32.min) - 1, Int64(Int32.max) + 1] {
            #expect(try AvroValueCodec.decode(try AvroValueCodec.encode(.long(value), as: .long()), as: .long()) == .long(value))
        }
    }

    @Test func complexTypesEncodeAsTheSpecificationsExamplesShow() throws {
        let record = try AvroSchemaParser.parse(#"{"type": "record", "name": "test", "fields": [{"name": "a", "type": "long"}, {"name": "b", "type": "string"}]}"#)
        #expect(try AvroValueCodec.encode(.record([.long(27), .string("foo")]), as: record) == [0x36, 0x06, 0x66, 0x6F, 0x6F])
        #expect(try AvroValueCodec.encode(.array([.long(3), .long(27)]), as: .array(items: .long())) == [0x04, 0x06, 0x36, 0x00])
        let union = AvroSchema.union([.null, .string()])
        #expect(try AvroValueCodec.encode(.union(branch: 0, .null), as: union) == [0x00])
        #expect(try AvroValueCodec.encode(.union(branch: 1, .string("a")), as: union) == [0x02, 0x02, 0x61])
        // Blocks with a negative count carry their size in bytes and read the same.
        #expect(try AvroValueCodec.decode([0x03, 0x04, 0x06, 0x36, 0x00], as: .array(items: .long())) == .array([.long(3), .long(27)]))
    }

    @Test(arguments: 1...5)
    func everyTypeRoundTrips(seed: Int) throws {
        let schema = try AvroSchemaParser.parse(AvroSchemaFixtures.allTypes)
        var generator = AvroValueGenerator(random: SeededGenerator(seed: UInt64(seed)))
        for _ in 0..<50 {
            let value = generator.value(schema)
            let bytes = try AvroValueCodec.encode(value, as: schema)
            #expect(try AvroValueCodec.decode(bytes, as: schema) == value)
            var decoder = AvroBinaryDecoder(bytes)
            try AvroValueCodec.skip(schema, in: &decoder)
            #expect(decoder.isAtEnd, "skipping a value consumes exactly its bytes")
        }
    }

    @Test func specialFloatingPointValuesKeepTheirBits() throws {
        for value in [Double.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude] {
            guard case .double(let back) = try AvroValueCodec.decode(try AvroValueCodec.encode(.double(value), as: .double), as: .double) else {
                Issue.record("not a double"); continue
            }
            #expect(back.bitPattern == value.bitPattern)
        }
        #expect(try AvroValueCodec.encode(.float(1.5), as: .float) == [0x00, 0x00, 0xC0, 0x3F])
    }

    @Test func valuesThatDoNotFitTheirSchemaAreErrors() {
        #expect(throws: SluiceError.self) { try AvroValueCodec.encode(.string("x"), as: .int()) }
        let fixed = AvroSchema.fixed(AvroFixedSchema(name: AvroName("f"), size: 2))
        #expect(throws: SluiceError.self) { try AvroValueCodec.encode(.fixed([1]), as: fixed) }
        let suit = AvroSchema.enumeration(AvroEnumSchema(name: AvroName("s"), symbols: ["A"]))
        #expect(throws: SluiceError.self) { try AvroValueCodec.encode(.enumeration("B"), as: suit) }
    }

    @Test(arguments: [
        ([UInt8](), AvroSchema.long()),                      // nothing to read
        ([0x80, 0x80], AvroSchema.long()),                   // a varint cut short
        ([UInt8](repeating: 0xFF, count: 11), AvroSchema.long()),  // a varint of more than 10 bytes
        ([0x0A, 0x61], AvroSchema.string()),                 // a string longer than the data
        ([0x01], AvroSchema.bytes()),                        // a negative length
        ([0x02], AvroSchema.boolean),                        // a boolean byte that is not 0 or 1
        ([0x04], AvroSchema.union([.null, .int()])),         // a union branch out of range
        ([0x80, 0x80, 0x80, 0x80, 0x10], AvroSchema.int()),  // a number beyond 32 bits for an int
        ([0xFE, 0xFF, 0xFF, 0xFF, 0x0F], AvroSchema.array(items: .null)),  // an absurd item count
    ])
    func damagedDataIsMalformedNotACrash(bytes: [UInt8], schema: AvroSchema) {
        do {
            _ = try AvroValueCodec.decode(bytes, as: schema)
            Issue.record("decoding \(bytes) must fail")
        } catch {
            #expect(error.code == .malformedData)
        }
    }

    @Test func deeplyNestedRecursiveDataIsMalformedNotAStackOverflow() throws {
        let schema = try AvroSchemaParser.parse(#"{"type": "record", "name": "L", "fields": [{"name": "v", "type": "long"}, {"name": "next", "type": ["null", "L"]}]}"#)
        // A list of 100 000 nodes: value 0, then branch 1 (another node), ..., then branch 0 (null).
        let bytes = [UInt8](repeating: 0, count: 1) + Array(repeating: [0x02, 0x00], count: 100_000).joined() + [0x00]
        for decode in [{ try AvroValueCodec.decode(bytes, as: schema) }, { try AvroResolvingDecoder.decode(bytes, writer: schema, reader: schema) }] {
            do {
                _ = try decode()
                Issue.record("so deep a value must be refused")
            } catch let error as SluiceError {
                #expect(error.code == .malformedData && error.message.contains("nested more than"))
            }
        }
        var decoder = AvroBinaryDecoder(bytes)
        #expect(throws: SluiceError.self) { try AvroValueCodec.skip(schema, in: &decoder) }
        // A list within the limit reads.
        let shallow = [UInt8](repeating: 0, count: 1) + Array(repeating: [0x02, 0x00], count: 200).joined() + [0x00]
        #expect(try AvroValueCodec.decode(shallow, as: schema) != .null)
    }

    @Test func singleObjectEncodingNamesTheSchemaByFingerprint() throws {
        let schema = try AvroSchemaParser.parse(AvroSchemaFixtures.allTypes)
        var generator = AvroValueGenerator(random: SeededGenerator(seed: 9))
        let value = generator.value(schema)
        let message = try AvroSingleObjectEncoding.encode(value, schema: schema)
        #expect(message.starts(with: [0xC3, 0x01]))
        #expect(try AvroSingleObjectEncoding.fingerprint(of: message) == schema.fingerprint)
        #expect(try AvroSingleObjectEncoding(schemas: [schema]).decode(message) == value)
        #expect(throws: SluiceError.self) { try AvroSingleObjectEncoding().decode(message) }
        #expect(throws: SluiceError.self) { try AvroSingleObjectEncoding.fingerprint(of: [0, 1, 2]) }
    }

    @Test func confluentWireFormatCarriesTheRegistryID() throws {
        let writer = try AvroSchemaParser.parse(#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"}]}"#)
        let reader = try AvroSchemaParser.parse(#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "long"}, {"name": "b", "type": "string", "default": "x"}]}"#)
        let message = try AvroConfluentWireFormat.encode(.record([.int(7)]), schema: writer, schemaID: 0x0102_0304)
        #expect(Array(message.prefix(5)) == [0, 1, 2, 3, 4])
        #expect(try AvroConfluentWireFormat.schemaID(of: message) == 0x0102_0304)
        let value = try AvroConfluentWireFormat.decode(message, reader: reader) { (id) throws(SluiceError) in
            guard id == 0x0102_0304 else { throw SluiceError(.schemaMismatch, "unknown id \(id)") }
            return writer
        }
        #expect(value == .record([.long(7), .string("x")]))
        #expect(throws: SluiceError.self) { try AvroConfluentWireFormat.schemaID(of: [1, 0, 0, 0, 1]) }
    }
}

/// Schemas the Avro tests share with the interop script (Tests/Avro).
enum AvroSchemaFixtures {
    /// Every Avro type and logical type, nested types and a recursive union included.
    static var allTypes: String { file("all_types.avsc") }
    /// The types Sluice reads into columns.
    static var engineTypes: String { file("engine_types.avsc") }

    private static func file(_ name: String) -> String {
        (try? String(contentsOf: AvroTestSupport.packageRoot.appendingPathComponent("Tests/Avro/\(name)"), encoding: .utf8)) ?? ""
    }
}
