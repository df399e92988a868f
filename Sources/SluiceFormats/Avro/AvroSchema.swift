/// An Avro schema, as the Avro specification defines it: eight primitive types, the complex
/// types record, enum, array, map, union and fixed, and logical types on top of them.
///
/// Named types (records, enums, fixed) are shared by reference where a schema names them
/// again, so recursive records (a linked list) are finite values. Build schemas with
/// `AvroSchemaParser` or directly; `jsonText` and `canonicalForm` turn them back into JSON.
public indirect enum AvroSchema: Sendable, CustomStringConvertible {
    case null
    case boolean
    /// A 32-bit signed integer; `date` and `time-millis` annotate it.
    case int(logical: AvroLogicalType? = nil)
    /// A 64-bit signed integer; `time-micros` and the timestamps annotate it.
    case long(logical: AvroLogicalType? = nil)
    case float
    case double
    /// A byte sequence; `decimal` annotates it.
    case bytes(logical: AvroLogicalType? = nil)
    /// A Unicode string (UTF-8); `uuid` annotates it.
    case string(logical: AvroLogicalType? = nil)
    case record(AvroRecordSchema)
    case enumeration(AvroEnumSchema)
    case array(items: AvroSchema)
    case map(values: AvroSchema)
    /// One of several schemas; a value records the position of its branch.
    case union([AvroSchema])
    case fixed(AvroFixedSchema)

    /// The type's name as the specification spells it (`int`, `record`, `union`, ...).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .boolean: "boolean"
        case .int: "int"
        case .long: "long"
        case .float: "float"
        case .double: "double"
        case .bytes: "bytes"
        case .string: "string"
        case .record: "record"
        case .enumeration: "enum"
        case .array: "array"
        case .map: "map"
        case .union: "union"
        case .fixed: "fixed"
        }
    }

    /// The logical type annotating this schema, if any.
    public var logicalType: AvroLogicalType? {
        switch self {
        case .int(let logical), .long(let logical), .bytes(let logical), .string(let logical): logical
        case .fixed(let fixed): fixed.logicalType
        default: nil
        }
    }

    /// The full name of a named type (record, enum, fixed); nil for the others.
    public var fullName: String? {
        switch self {
        case .record(let record): record.name.fullName
        case .enumeration(let enumeration): enumeration.name.fullName
        case .fixed(let fixed): fixed.name.fullName
        default: nil
        }
    }

    /// A short human description: the logical type or named type when there is one
    /// (`long (timestamp-micros)`, `record Order`, `union [null, string]`).
    public var description: String {
        switch self {
        case .union(let branches): return "union [" + branches.map(\.description).joined(separator: ", ") + "]"
        case .array(let items): return "array<\(items)>"
        case .map(let values): return "map<\(values)>"
        default:
            var text = typeName
            if let fullName { text += " \(fullName)" }
            if let logicalType { text += " (\(logicalType.name))" }
            return text
        }
    }

    /// The branches of a union; a non-union schema is its own single branch.
    public var branches: [AvroSchema] {
        if case .union(let branches) = self { return branches }
        return [self]
    }

    /// For a union of `null` and one other schema (in either order): the other schema and the
    /// position of `null`. Nil for any other schema.
    public var nullableBranch: (schema: AvroSchema, nullIndex: Int)? {
        guard case .union(let branches) = self, branches.count == 2 else { return nil }
        if case .null = branches[0], !branches[1].isNull { return (branches[1], 0) }
        if case .null = branches[1], !branches[0].isNull { return (branches[0], 1) }
        return nil
    }

    /// Whether this is the `null` schema.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
