import SluiceFormats
import SluiceSpec
import Testing

/// One test per rule of the specification's "Schema Resolution".
@Suite struct AvroResolutionTests {
    func schema(_ text: String) throws -> AvroSchema { try AvroSchemaParser.parse(text) }

    func read(_ value: AvroValue, writer: AvroSchema, reader: AvroSchema) throws -> AvroValue {
        try AvroResolvingDecoder.decode(try AvroValueCodec.encode(value, as: writer), writer: writer, reader: reader)
    }

    func resolutionError(writer: AvroSchema, reader: AvroSchema) -> SluiceError? {
        do {
            _ = try AvroSchemaResolver.resolve(writer: writer, reader: reader)
            return nil
        } catch {
            return error
        }
    }

    @Test func numbersArePromotedIntToLongToFloatToDouble() throws {
        #expect(try read(.int(-7), writer: .int(), reader: .long()) == .long(-7))
        #expect(try read(.int(3), writer: .int(), reader: .float) == .float(3))
        #expect(try read(.int(3), writer: .int(), reader: .double) == .double(3))
        #expect(try read(.long(1 << 40), writer: .long(), reader: .float) == .float(Float(1 << 40)))
        #expect(try read(.long(1 << 40), writer: .long(), reader: .double) == .double(Double(1 << 40)))
        #expect(try read(.float(1.25), writer: .float, reader: .double) == .double(1.25))
        // Demotions are not promotions.
        for (writer, reader) in [(AvroSchema.long(), AvroSchema.int()), (.double, .float), (.float, .long()), (.double, .long())] {
            let error = resolutionError(writer: writer, reader: reader)
            #expect(error?.code == .schemaMismatch)
            #expect(error?.message.contains("rule: types must be equal or promotable") == true)
        }
    }

    @Test func stringsAndBytesPromoteToEachOther() throws {
        #expect(try read(.string("héllo"), writer: .string(), reader: .bytes()) == .bytes(Array("héllo".utf8)))
        #expect(try read(.bytes([104, 105]), writer: .bytes(), reader: .string()) == .string("hi"))
        #expect(resolutionError(writer: .string(), reader: .int()) != nil)
    }

    @Test func recordFieldsMatchByNameInAnyOrderIgnoringWriterExtrasAndFillingDefaults() throws {
        let writer = try schema(#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"}, {"name": "gone", "type": {"type": "array", "items": "string"}}, {"name": "b", "type": "string"}]}"#)
        let reader = try schema(#"{"type": "record", "name": "r", "fields": [{"name": "b", "type": "string"}, {"name": "a", "type": "long"}, {"name": "c", "type": ["null", "int"], "default": null}, {"name": "d", "type": {"type": "map", "values": "int"}, "default": {"k": 1}}]}"#)
        let value = try read(.record([.int(5), .array([.string("x"), .string("y")]), .string("bee")]), writer: writer, reader: reader)
        #expect(value == .record([.string("bee"), .long(5), .union(branch: 0, .null), .map(["k": .int(1)])]))
    }

    @Test func aMissingFieldWithoutADefaultIsAnErrorNamingTheField() throws {
        let writer = try schema(#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"}]}"#)
        let reader = try schema(#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"}, {"name": "needed", "type": "string"}]}"#)
        let error = resolutionError(writer: writer, reader: reader)
        #expect(error?.message.contains("field 'needed'") == true)
        #expect(error?.message.contains("rule: a missing field needs a default") == true)
    }

    @Test func nestedFieldErrorsNameTheirPath() throws {
        let writer = try schema(#"{"type": "record", "name": "r", "fields": [{"name": "customer", "type": {"type": "record", "name": "c", "fields": [{"name": "id", "type": "string"}]}}]}"#)
        let reader = try schema(#"{"type": "record", "name": "r", "fields": [{"name": "customer", "type": {"type": "record", "name": "c", "fields": [{"name": "id", "type": "int"}]}}]}"#)
        #expect(resolutionError(writer: writer, reader: reader)?.message.contains("field 'customer.id'") == true)
    }

    @Test func namedTypesMatchByUnqualifiedNameOrAlias() throws {
        let writer = try schema(#"{"type": "record", "name": "old.Person", "fields": [{"name": "fullName", "type": "string"}]}"#)
        let renamed = try schema(#"{"type": "record", "name": "new.Human", "aliases": ["old.Person"], "fields": [{"name": "name", "aliases": ["fullName"], "type": "string"}]}"#)
        #expect(try read(.record([.string("Ada")]), writer: writer, reader: renamed) == .record([.string("Ada")]))
        let sameName = try schema(#"{"type": "record", "name": "other.Person", "fields": [{"name": "fullName", "type": "string"}]}"#)
        #expect(try read(.record([.string("Ada")]), writer: writer, reader: sameName) == .record([.string("Ada")]))
        let different = try schema(#"{"type": "record", "name": "Robot", "fields": [{"name": "fullName", "type": "string"}]}"#)
        #expect(resolutionError(writer: writer, reader: different)?.message.contains("rule: named types match by unqualified name or alias") == true)
    }

    @Test func enumsUseTheReadersDefaultForUnknownSymbols() throws {
        let writer = try schema(#"{"type": "enum", "name": "e", "symbols": ["A", "B", "C"]}"#)
        let withDefault = try schema(#"{"type": "enum", "name": "e", "symbols": ["C", "A", "OTHER"], "default": "OTHER"}"#)
        #expect(try read(.enumeration("A"), writer: writer, reader: withDefault) == .enumeration("A"))
        #expect(try read(.enumeration("B"), writer: writer, reader: withDefault) == .enumeration("OTHER"))
        let withoutDefault = try schema(#"{"type": "enum", "name": "e", "symbols": ["A", "C"]}"#)
        #expect(try read(.enumeration("C"), writer: writer, reader: withoutDefault) == .enumeration("C"))
        #expect(throws: SluiceError.self) { try read(.enumeration("B"), writer: writer, reader: withoutDefault) }
        let problems = AvroCompatibility.problems(reader: withoutDefault, writer: writer)
        #expect(problems.count == 1 && problems[0].message.contains("rule: enum symbols"))
    }

    @Test func fixedSizesMustBeEqual() throws {
        let writer = try schema(#"{"type": "fixed", "name": "f", "size": 4}"#)
        #expect(try read(.fixed([1, 2, 3, 4]), writer: writer, reader: writer) == .fixed([1, 2, 3, 4]))
        let reader = try schema(#"{"type": "fixed", "name": "f", "size": 8}"#)
        #expect(resolutionError(writer: writer, reader: reader)?.message.contains("rule: fixed sizes must be equal") == true)
    }

    @Test func arraysAndMapsResolveTheirItems() throws {
        #expect(try read(.array([.int(1), .int(2)]), writer: .array(items: .int()), reader: .array(items: .double)) == .array([.double(1), .double(2)]))
        #expect(try read(.map(["a": .int(1)]), writer: .map(values: .int()), reader: .map(values: .long())) == .map(["a": .long(1)]))
        #expect(resolutionError(writer: .array(items: .string()), reader: .array(items: .int())) != nil)
    }

    @Test func unionsPickTheFirstMatchingReaderBranch() throws {
        // Writer is not a union, the reader is: the first branch that matches (here by promotion).
        #expect(try read(.int(4), writer: .int(), reader: .union([.null, .long(), .int()])) == .union(branch: 1, .long(4)))
        #expect(try read(.string("s"), writer: .string(), reader: .union([.null, .string()])) == .union(branch: 1, .string("s")))
        #expect(resolutionError(writer: .boolean, reader: .union([.null, .string()]))?.message.contains("rule: a union branch must match") == true)
        // Both unions: each writer branch resolves on its own.
        let both = try read(.union(branch: 2, .int(9)), writer: .union([.null, .string(), .int()]), reader: .union([.double, .null, .string()]))
        #expect(both == .union(branch: 0, .double(9)))
        // Writer union, reader not: fine for branches that match; an error only when a value takes another.
        let writer = AvroSchema.union([.null, .int()])
        #expect(try read(.union(branch: 1, .int(3)), writer: writer, reader: .long()) == .long(3))
        #expect(throws: SluiceError.self) { try read(.union(branch: 0, .null), writer: writer, reader: .long()) }
    }

    @Test func decimalsMatchOnlyWithTheSamePrecisionAndScale() throws {
        let writer = AvroSchema.bytes(logical: .decimal(precision: 9, scale: 2))
        #expect(resolutionError(writer: writer, reader: .bytes(logical: .decimal(precision: 9, scale: 2))) == nil)
        #expect(resolutionError(writer: writer, reader: .bytes(logical: .decimal(precision: 9, scale: 3)))?.message.contains("rule: decimals match") == true)
    }

    @Test func compatibilityChecksBothDirections() throws {
        let v1 = try schema(#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"}]}"#)
        let addedWithDefault = try schema(#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "string", "default": ""}]}"#)
        let addedRequired = try schema(#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "string"}]}"#)
        let widened = try schema(#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "long"}]}"#)
        #expect(AvroCompatibility.problems(newSchema: addedWithDefault, oldSchema: v1, mode: .full).isEmpty)
        #expect(!AvroCompatibility.problems(newSchema: addedRequired, oldSchema: v1, mode: .backward).isEmpty)
        #expect(AvroCompatibility.problems(newSchema: addedRequired, oldSchema: v1, mode: .forward).isEmpty)
        #expect(AvroCompatibility.problems(newSchema: widened, oldSchema: v1, mode: .backward).isEmpty)
        let forward = AvroCompatibility.problems(newSchema: widened, oldSchema: v1, mode: .forward)
        #expect(forward.count == 1 && forward[0].message.contains("field 'a'"))
        #expect(AvroCompatibility.problems(newSchema: widened, oldSchema: v1, mode: .full).count == 1)
    }
}
