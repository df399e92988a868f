import SluiceSpec

/// An Avro record type: a name and ordered fields.
///
/// A reference type, so a record may contain itself (through a union or an array); it is
/// immutable once parsing has filled in its fields.
public final class AvroRecordSchema: @unchecked Sendable {
    public let name: AvroName
    /// Alternative full names, used to match a writer's record when resolving.
    public let aliases: [AvroName]
    public let doc: String?
    /// The fields, in declaration (and encoding) order.
    public internal(set) var fields: [AvroField]
    /// Attributes the specification does not define (metadata such as `connect.name`), kept
    /// so a schema is written back as it was given.
    public let properties: [JSONMember]

    public init(name: AvroName, aliases: [AvroName] = [], doc: String? = nil, fields: [AvroField], properties: [JSONMember] = []) {
        self.name = name
        self.aliases = aliases
        self.doc = doc
        self.fields = fields
        self.properties = properties
    }

    /// The position of the field named `name`, if any.
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }
}

/// One field of an Avro record.
public struct AvroField: Sendable {
    /// How a field takes part in the sort order of its record (`order`; ascending by default).
    public enum Order: String, Sendable, Hashable {
        case ascending, descending, ignore
    }

    public var name: String
    public var type: AvroSchema
    /// The default used when a reader's field is missing from the writer's record, as JSON
    /// (Avro writes defaults in JSON, unions taking a branch that the JSON value fits).
    public var defaultValue: JSONNode?
    public var aliases: [String]
    public var doc: String?
    public var order: Order
    /// Attributes the specification does not define, kept for writing the schema back.
    public var properties: [JSONMember]

    public init(name: String, type: AvroSchema, defaultValue: JSONNode? = nil, aliases: [String] = [],
                doc: String? = nil, order: Order = .ascending, properties: [JSONMember] = []) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.aliases = aliases
        self.doc = doc
        self.order = order
        self.properties = properties
    }
}
