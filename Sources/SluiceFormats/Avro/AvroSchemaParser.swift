import SluiceSpec

/// Parses Avro schemas written in JSON, following the specification: primitive names,
/// records, enums, arrays, maps, unions, fixed, named types with namespaces and aliases,
/// references to types defined earlier, and logical types.
///
/// Every problem is a `SluiceError` (`invalid-value`) at the JSON value that causes it.
/// Invalid logical types are ignored, as the specification requires.
public struct AvroSchemaParser {
    /// The named types defined so far, by full name.
    private var named: [String: AvroSchema] = [:]

    private static let primitives = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"]

    /// The attributes the specification defines for named types and fields; others are kept as properties.
    private static let namedTypeAttributes: Set<String> = ["type", "name", "namespace", "aliases", "doc", "fields", "symbols", "default",
                                                            "size", "logicalType", "precision", "scale"]
    private static let fieldAttributes: Set<String> = ["name", "type", "default", "aliases", "doc", "order"]

    private static func properties(of node: JSONNode, except known: Set<String>) -> [JSONMember] {
        (node.members ?? []).filter { !known.contains($0.key) }
    }

    /// Parses a schema from its JSON text; `file` names it in error locations.
    public static func parse(_ text: String, file: String = "<avro schema>") throws(SluiceError) -> AvroSchema {
        try parse(try JSONParser.parse(text, file: file))
    }

    /// Parses a schema from a parsed JSON value.
    public static func parse(_ node: JSONNode) throws(SluiceError) -> AvroSchema {
        var parser = AvroSchemaParser()
        return try parser.schema(node, namespace: nil)
    }

    private static func invalid(_ message: String, at node: JSONNode) -> SluiceError {
        SluiceError(.invalidValue, "invalid Avro schema: \(message)", location: node.location,
                    hint: "see the Avro specification's \"Schema Declaration\" section")
    }

    private mutating func schema(_ node: JSONNode, namespace: String?) throws(SluiceError) -> AvroSchema {
        switch node.value {
        case .string(let name): return try reference(name, namespace: namespace, at: node)
        case .array(let elements): return try union(elements, namespace: namespace, at: node)
        case .object: return try object(node, namespace: namespace)
        default: throw Self.invalid("a schema is a type name, an object or an array (a union), not \(node.typeName) \(node.jsonText)", at: node)
        }
    }

    /// A primitive name or a named type defined earlier.
    private func reference(_ name: String, namespace: String?, at node: JSONNode) throws(SluiceError) -> AvroSchema {
        switch name {
        case "null": return .null
        case "boolean": return .boolean
        case "int": return .int()
        case "long": return .long()
        case "float": return .float
        case "double": return .double
        case "bytes": return .bytes()
        case "string": return .string()
        default: break
        }
        if !name.contains("."), let namespace, let found = named["\(namespace).\(name)"] { return found }
        if let found = named[name] { return found }
        throw Self.invalid("unknown type '\(name)'", at: node)
    }

    private mutating func union(_ elements: [JSONNode], namespace: String?, at node: JSONNode) throws(SluiceError) -> AvroSchema {
        var branches: [AvroSchema] = []
        var seen = Set<String>()
        for element in elements {
            let branch = try schema(element, namespace: namespace)
            if case .union = branch { throw Self.invalid("a union may not immediately contain another union", at: element) }
            let key = branch.fullName ?? branch.typeName
            guard seen.insert(key).inserted else {
                throw Self.invalid("a union may not hold two branches of type '\(key)'", at: element)
            }
            branches.append(branch)
        }
        return .union(branches)
    }

    private mutating func object(_ node: JSONNode, namespace: String?) throws(SluiceError) -> AvroSchema {
        guard let typeNode = node["type"] else { throw Self.invalid("a schema object needs a \"type\"", at: node) }
        guard let type = typeNode.stringValue else {
            // {"type": {...}} or {"type": [...]}: the nested schema itself.
            return try schema(typeNode, namespace: namespace)
        }
        switch type {
        case "record", "error": return try record(node, namespace: namespace)
        case "enum": return try enumeration(node, namespace: namespace)
        case "fixed": return try fixed(node, namespace: namespace)
        case "array":
            guard let items = node["items"] else { throw Self.invalid("an array needs \"items\"", at: node) }
            return .array(items: try schema(items, namespace: namespace))
        case "map":
            guard let values = node["values"] else { throw Self.invalid("a map needs \"values\"", at: node) }
            return .map(values: try schema(values, namespace: namespace))
        default:
            let base = try reference(type, namespace: namespace, at: typeNode)
            guard Self.primitives.contains(type) else { return base }
            return try annotated(base, by: node)
        }
    }

    /// A primitive with its `logicalType`, when that is known and valid for it.
    private func annotated(_ base: AvroSchema, by node: JSONNode) throws(SluiceError) -> AvroSchema {
        guard let logical = try logicalType(node, base: base.typeName, size: nil) else { return base }
        switch base {
        case .int: return .int(logical: logical)
        case .long: return .long(logical: logical)
        case .bytes: return .bytes(logical: logical)
        case .string: return .string(logical: logical)
        default: return base
        }
    }

    private func logicalType(_ node: JSONNode, base: String, size: Int?) throws(SluiceError) -> AvroLogicalType? {
        guard let name = node["logicalType"]?.stringValue else { return nil }
        let logical: AvroLogicalType
        if name == "decimal" {
            let path = JSONPath.root
            guard let precision = try? node["precision"]?.int(at: path) else { return nil }
            let scale = (try? node["scale"]?.int(at: path)) ?? 0
            logical = .decimal(precision: precision, scale: scale)
        } else if let simple = AvroLogicalType.simple[name] {
            logical = simple
        } else {
            return nil
        }
        return logical.annotates(base, size: size) ? logical : nil
    }

    /// The name of a named type's definition, with its aliases; checks the name is new and valid.
    private func definition(_ node: JSONNode, namespace: String?) throws(SluiceError) -> (AvroName, [AvroName]) {
        guard let nameNode = node["name"], let text = nameNode.stringValue else {
            throw Self.invalid("a \(node["type"]?.stringValue ?? "named type") needs a \"name\" string", at: node)
        }
        let explicit = node["namespace"]?.stringValue
        let name = AvroName(text, namespace: explicit ?? namespace)
        let parts = (name.namespace.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) } ?? []) + [name.name]
        guard parts.allSatisfy(AvroName.isValid) else {
            throw Self.invalid("'\(name.fullName)' is not a valid name (names match [A-Za-z_][A-Za-z0-9_]*)", at: nameNode)
        }
        guard !Self.primitives.contains(name.name) || name.namespace != nil, !Self.primitives.contains(name.fullName) else {
            throw Self.invalid("a primitive type name may not be redefined: '\(name.fullName)'", at: nameNode)
        }
        guard named[name.fullName] == nil else { throw Self.invalid("'\(name.fullName)' is defined twice", at: nameNode) }
        let aliases = (node["aliases"]?.elements ?? []).compactMap(\.stringValue).map { AvroName($0, namespace: name.namespace) }
        return (name, aliases)
    }

    private mutating func record(_ node: JSONNode, namespace: String?) throws(SluiceError) -> AvroSchema {
        let (name, aliases) = try definition(node, namespace: namespace)
        guard let fieldNodes = node["fields"]?.elements else { throw Self.invalid("record '\(name)' needs a \"fields\" array", at: node) }
        let record = AvroRecordSchema(name: name, aliases: aliases, doc: node["doc"]?.stringValue, fields: [],
                                      properties: Self.properties(of: node, except: Self.namedTypeAttributes))
        named[name.fullName] = .record(record)
        var fields: [AvroField] = []
        for fieldNode in fieldNodes {
            guard let fieldName = fieldNode["name"]?.stringValue else {
                throw Self.invalid("every field of record '\(name)' needs a \"name\" string", at: fieldNode)
            }
            guard AvroName.isValid(fieldName) else { throw Self.invalid("field name '\(fieldName)' is not valid", at: fieldNode) }
            guard !fields.contains(where: { $0.name == fieldName }) else {
                throw Self.invalid("record '\(name)' has two fields named '\(fieldName)'", at: fieldNode)
            }
            guard let typeNode = fieldNode["type"] else { throw Self.invalid("field '\(fieldName)' needs a \"type\"", at: fieldNode) }
            let type = try schema(typeNode, namespace: name.namespace)
            let order = fieldNode["order"]?.stringValue.flatMap(AvroField.Order.init(rawValue:)) ?? .ascending
            let defaultValue = fieldNode["default"]
            if let defaultValue {
                do throws(SluiceError) {
                    _ = try AvroDefaultValue.value(defaultValue, for: type)
                } catch {
                    throw Self.invalid("the default of field '\(fieldName)' does not fit its type: \(error.message)", at: defaultValue)
                }
            }
            fields.append(AvroField(name: fieldName, type: type, defaultValue: defaultValue,
                                    aliases: (fieldNode["aliases"]?.elements ?? []).compactMap(\.stringValue),
                                    doc: fieldNode["doc"]?.stringValue, order: order,
                                    properties: Self.properties(of: fieldNode, except: Self.fieldAttributes)))
        }
        record.fields = fields
        return .record(record)
    }

    private mutating func enumeration(_ node: JSONNode, namespace: String?) throws(SluiceError) -> AvroSchema {
        let (name, aliases) = try definition(node, namespace: namespace)
        guard let symbolNodes = node["symbols"]?.elements else { throw Self.invalid("enum '\(name)' needs a \"symbols\" array", at: node) }
        var symbols: [String] = []
        for symbolNode in symbolNodes {
            guard let symbol = symbolNode.stringValue, AvroName.isValid(symbol) else {
                throw Self.invalid("enum symbol \(symbolNode.jsonText) is not a valid name", at: symbolNode)
            }
            guard !symbols.contains(symbol) else { throw Self.invalid("enum '\(name)' lists '\(symbol)' twice", at: symbolNode) }
            symbols.append(symbol)
        }
        let defaultSymbol = node["default"]?.stringValue
        if let defaultSymbol, !symbols.contains(defaultSymbol) {
            throw Self.invalid("the default '\(defaultSymbol)' of enum '\(name)' is not one of its symbols", at: node["default"]!)
        }
        let schema = AvroSchema.enumeration(AvroEnumSchema(name: name, aliases: aliases, doc: node["doc"]?.stringValue,
                                                           symbols: symbols, defaultSymbol: defaultSymbol,
                                                           properties: Self.properties(of: node, except: Self.namedTypeAttributes)))
        named[name.fullName] = schema
        return schema
    }

    private mutating func fixed(_ node: JSONNode, namespace: String?) throws(SluiceError) -> AvroSchema {
        let (name, aliases) = try definition(node, namespace: namespace)
        guard let sizeNode = node["size"], let size = try? sizeNode.int(at: .root), size >= 0 else {
            throw Self.invalid("fixed '\(name)' needs a \"size\" of 0 or more", at: node)
        }
        let logical = try logicalType(node, base: "fixed", size: size)
        let schema = AvroSchema.fixed(AvroFixedSchema(name: name, aliases: aliases, size: size, logicalType: logical,
                                                      properties: Self.properties(of: node, except: Self.namedTypeAttributes)))
        named[name.fullName] = schema
        return schema
    }
}
