import SluiceSpec

/// An Avro fixed type: a name and a byte count every value has.
public struct AvroFixedSchema: Sendable {
    public let name: AvroName
    public let aliases: [AvroName]
    public let size: Int
    /// `decimal`, `uuid` or `duration`, when one annotates it.
    public let logicalType: AvroLogicalType?
    /// Attributes the specification does not define, kept for writing the schema back.
    public let properties: [JSONMember]

    public init(name: AvroName, aliases: [AvroName] = [], size: Int, logicalType: AvroLogicalType? = nil, properties: [JSONMember] = []) {
        self.properties = properties
        self.name = name
        self.aliases = aliases
        self.size = size
        self.logicalType = logicalType
    }
}
