import SluiceFormats
import SluiceSpec
import Testing

@Suite struct AvroSchemaTests {
    func parse(_ text: String) throws -> AvroSchema { try AvroSchemaParser.parse(text) }

    func parseError(_ text: String) -> SluiceError? {
        do {
            _ = try AvroSchemaParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func primitivesParseInBothForms() throws {
        for name in ["null", "boolean", "int", "long", "float", "double", "bytes", "string"] {
            #expect(try parse("\"\(name)\"").typeName == name)
            #expect(try parse("{\"type\": \"\(name)\"}").canonicalForm == "\"\(name)\"")
        }
    }

    @Test func namespacesFollowTheSpecificationsExample() throws {
        let schema = try parse("""
            {"type": "record", "name": "Example", "fields": [
              {"name": "inheritNull", "type": {"type": "enum", "name": "Simple", "symbols": ["a", "b"]}},
              {"name": "explicitNamespace", "type": {"type": "fixed", "name": "Simple", "namespace": "explicit", "size": 12}},
              {"name": "fullName", "type": {"type": "record", "name": "a.full.Name", "namespace": "ignored", "fields": [
                {"name": "inheritNamespace", "type": {"type": "enum", "name": "Understanding", "symbols": ["d", "e"]}},
                {"name": "again", "type": "Understanding"}
              ]}},
              {"name": "reference", "type": "explicit.Simple"}
            ]}
            """)
        guard case .record(let record) = schema else { Issue.record("not a record"); return }
        #expect(record.fields.map { $0.type.fullName } == ["Simple", "explicit.Simple", "a.full.Name", "explicit.Simple"])
        guard case .record(let inner) = record.fields[2].type else { Issue.record("not a record"); return }
        #expect(inner.fields.map { $0.type.fullName } == ["a.full.Understanding", "a.full.Understanding"])
    }

    @Test func recursiveRecordsReferToThemselves() throws {
        let schema = try parse("""
            {"type": "record", "name": "LongList", "aliases": ["LinkedLongs"], "fields": [
              {"name": "value", "type": "long"}, {"name": "next", "type": ["null", "LongList"]}]}
            """)
        #expect(schema.canonicalForm == #"{"name":"LongList","type":"record","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","LongList"]}]}"#)
        let list = AvroValue.record([.long(1), .union(branch: 1, .record([.long(2), .union(branch: 0, .null)]))])
        #expect(try AvroValueCodec.decode(try AvroValueCodec.encode(list, as: schema), as: schema) == list)
    }

    @Test func logicalTypesAreKeptWhenValidAndIgnoredOtherwise() throws {
        #expect(try parse(#"{"type": "int", "logicalType": "date"}"#).logicalType == .date)
        #expect(try parse(#"{"type": "long", "logicalType": "timestamp-micros"}"#).logicalType == .timestampMicros)
        #expect(try parse(#"{"type": "long", "logicalType": "local-timestamp-millis"}"#).logicalType == .localTimestampMillis)
        #expect(try parse(#"{"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}"#).logicalType == .decimal(precision: 9, scale: 2))
        #expect(try parse(#"{"type": "fixed", "name": "d", "size": 12, "logicalType": "duration"}"#).logicalType == .duration)
        #expect(try parse(#"{"type": "string", "logicalType": "uuid"}"#).logicalType == .uuid)
        // Invalid: scale above precision, a date on a long, a duration of the wrong size, an unknown name.
        #expect(try parse(#"{"type": "bytes", "logicalType": "decimal", "precision": 2, "scale": 3}"#).logicalType == nil)
        #expect(try parse(#"{"type": "long", "logicalType": "date"}"#).logicalType == nil)
        #expect(try parse(#"{"type": "fixed", "name": "d", "size": 8, "logicalType": "duration"}"#).logicalType == nil)
        #expect(try parse(#"{"type": "fixed", "name": "d", "size": 2, "logicalType": "decimal", "precision": 5}"#).logicalType == nil)
        #expect(try parse(#"{"type": "int", "logicalType": "color"}"#).logicalType == nil)
    }

    @Test(arguments: [
        (#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "nope"}]}"#, "unknown type 'nope'"),
        (#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"}, {"name": "a", "type": "int"}]}"#, "two fields named 'a'"),
        (#"[["null"], "int"]"#, "may not immediately contain another union"),
        (#"["int", "int"]"#, "two branches of type 'int'"),
        (#"{"type": "enum", "name": "e", "symbols": ["A", "A"]}"#, "lists 'A' twice"),
        (#"{"type": "enum", "name": "e", "symbols": ["A"], "default": "B"}"#, "is not one of its symbols"),
        (#"{"type": "record", "name": "1r", "fields": []}"#, "not a valid name"),
        (#"{"type": "fixed", "name": "f", "size": -1}"#, "size"),
        (#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int", "default": "x"}]}"#, "default of field 'a'"),
        (#"[{"type": "fixed", "name": "f", "size": 1}, {"type": "fixed", "name": "f", "size": 2}]"#, "defined twice"),
        (#"{"type": "array"}"#, "needs \"items\""),
        ("42", "a schema is a type name"),
    ])
    func invalidSchemasAreErrorsAtTheOffendingValue(text: String, message: String) {
        let error = parseError(text)
        #expect(error?.code == .invalidValue)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
        #expect(error?.location != nil)
    }

    @Test func canonicalFormStripsOrdersAndUsesFullNames() throws {
        let schema = try parse("""
            {"namespace": "com.acme", "type": "record", "name": "Order", "doc": "an order", "aliases": ["Old"], "fields": [
              {"type": {"type": "enum", "symbols": ["A", "B"], "name": "Status", "default": "A"}, "name": "status", "doc": "x", "default": "A"},
              {"name": "hash", "type": {"size": 4, "type": "fixed", "name": "Hash"}},
              {"name": "when", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "items", "type": {"items": {"type": "map", "values": "Status"}, "type": "array"}}
            ]}
            """)
        #expect(schema.canonicalForm == #"{"name":"com.acme.Order","type":"record","fields":[{"name":"status","type":{"name":"com.acme.Status","type":"enum","symbols":["A","B"]}},{"name":"hash","type":{"name":"com.acme.Hash","type":"fixed","size":4}},{"name":"when","type":"long"},{"name":"items","type":{"type":"array","items":{"type":"map","values":"com.acme.Status"}}}]}"#)
        // The full form keeps what the canonical form drops, and parses back to the same schema.
        let again = try parse(schema.jsonText)
        #expect(again.canonicalForm == schema.canonicalForm)
        #expect(schema.jsonText.contains(#""logicalType":"timestamp-millis""#) && schema.jsonText.contains(#""doc":"an order""#))
    }

    @Test func attributesTheSpecificationDoesNotDefineAreKeptAsMetadata() throws {
        let schema = try parse("""
            {"type": "record", "name": "r", "connect.name": "r.Value", "fields": [
              {"name": "a", "type": "int", "x-pii": true},
              {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A"], "x-owner": {"team": 7}}},
              {"name": "f", "type": {"type": "fixed", "name": "F", "size": 2, "x-size": "2"}}]}
            """)
        let full = schema.jsonText
        for text in [#""connect.name":"r.Value""#, #""x-pii":true"#, #""x-owner":{"team":7}"#, #""x-size":"2""#] {
            #expect(full.contains(text), "\(full)")
            #expect(!schema.canonicalForm.contains(text))
        }
        #expect(try parse(full).jsonText == full)
    }

    /// Reference fingerprints from the Avro project's schema test vectors.
    @Test(arguments: [("\"null\"", Int64(7_195_948_357_588_979_594)), ("\"boolean\"", Int64(-6_970_731_678_124_411_036)),
                      ("\"int\"", Int64(8_247_732_601_305_521_295)), ("\"long\"", Int64(-3_434_872_931_120_570_953))])
    func fingerprintsMatchTheReferenceVectors(text: String, fingerprint: Int64) throws {
        #expect(try parse(text).fingerprint == UInt64(bitPattern: fingerprint))
    }
}
