import SluiceSpec

/// Writes an `AvroSchema` back as JSON text: in full (docs, aliases, defaults, logical types:
/// what a file header holds) or in the specification's Parsing Canonical Form.
///
/// A named type is defined at its first occurrence and referred to by full name afterwards.
struct AvroSchemaWriter {
    /// Whether to write Parsing Canonical Form rather than the full schema.
    let canonical: Bool
    private var defined = Set<String>()

    init(canonical: Bool) {
        self.canonical = canonical
    }

    mutating func json(_ schema: AvroSchema) -> String {
        switch schema {
        case .null, .boolean, .float, .double: return quote(schema.typeName)
        case .int(let logical), .long(let logical), .bytes(let logical), .string(let logical):
            guard let logical, !canonical else { return quote(schema.typeName) }
            return object([("type", quote(schema.typeName))] + attributes(of: logical))
        case .array(let items): return object([("type", quote("array")), ("items", json(items))])
        case .map(let values): return object([("type", quote("map")), ("values", json(values))])
        case .union(let branches): return "[" + branches.map { json($0) }.joined(separator: ",") + "]"
        case .record(let record):
            guard defined.insert(record.name.fullName).inserted else { return quote(record.name.fullName) }
            var members = [("name", quote(record.name.fullName)), ("type", quote("record"))]
            if !canonical, let doc = record.doc { members.append(("doc", quote(doc))) }
            members.append(("fields", "[" + record.fields.map { field($0) }.joined(separator: ",") + "]"))
            return object(members + aliases(record.aliases) + properties(record.properties))
        case .enumeration(let enumeration):
            guard defined.insert(enumeration.name.fullName).inserted else { return quote(enumeration.name.fullName) }
            var members = [("name", quote(enumeration.name.fullName)), ("type", quote("enum")),
                           ("symbols", "[" + enumeration.symbols.map(quote).joined(separator: ",") + "]")]
            if !canonical {
                if let doc = enumeration.doc { members.append(("doc", quote(doc))) }
                if let symbol = enumeration.defaultSymbol { members.append(("default", quote(symbol))) }
            }
            return object(members + aliases(enumeration.aliases) + properties(enumeration.properties))
        case .fixed(let fixed):
            guard defined.insert(fixed.name.fullName).inserted else { return quote(fixed.name.fullName) }
            var members = [("name", quote(fixed.name.fullName)), ("type", quote("fixed")), ("size", String(fixed.size))]
            if !canonical, let logical = fixed.logicalType { members += attributes(of: logical) }
            return object(members + aliases(fixed.aliases) + properties(fixed.properties))
        }
    }

    private mutating func field(_ field: AvroField) -> String {
        var members = [("name", quote(field.name)), ("type", json(field.type))]
        if !canonical {
            if let doc = field.doc { members.append(("doc", quote(doc))) }
            if let value = field.defaultValue { members.append(("default", value.jsonText)) }
            if field.order != .ascending { members.append(("order", quote(field.order.rawValue))) }
            if !field.aliases.isEmpty { members.append(("aliases", "[" + field.aliases.map(quote).joined(separator: ",") + "]")) }
            members += properties(field.properties)
        }
        return object(members)
    }

    private func attributes(of logical: AvroLogicalType) -> [(String, String)] {
        var members = [("logicalType", quote(logical.name))]
        if case .decimal(let precision, let scale) = logical {
            members += [("precision", String(precision)), ("scale", String(scale))]
        }
        return members
    }

    private func aliases(_ names: [AvroName]) -> [(String, String)] {
        guard !canonical, !names.isEmpty else { return [] }
        return [("aliases", "[" + names.map { quote($0.fullName) }.joined(separator: ",") + "]")]
    }

    private func properties(_ members: [JSONMember]) -> [(String, String)] {
        canonical ? [] : members.map { ($0.key, $0.value.jsonText) }
    }

    private func object(_ members: [(String, String)]) -> String {
        "{" + members.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A JSON string; canonical form keeps characters as UTF-8 rather than escaping them.
    private func quote(_ text: String) -> String { JSONNode.quote(text) }
}

extension AvroSchema {
    /// The schema as compact JSON, with docs, aliases, defaults and logical types: what an
    /// object container file's `avro.schema` holds.
    public var jsonText: String {
        var writer = AvroSchemaWriter(canonical: false)
        return writer.json(self)
    }

    /// The specification's Parsing Canonical Form: full names, only the attributes that
    /// matter for parsing (`name`, `type`, `fields`, `symbols`, `items`, `values`, `size`) in
    /// that order, no white space.
    public var canonicalForm: String {
        var writer = AvroSchemaWriter(canonical: true)
        return writer.json(self)
    }

    /// The CRC-64-AVRO (Rabin) fingerprint of the Parsing Canonical Form.
    public var fingerprint: UInt64 {
        AvroFingerprint.rabin(Array(canonicalForm.utf8))
    }
}
