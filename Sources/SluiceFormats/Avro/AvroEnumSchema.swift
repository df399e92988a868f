import SluiceSpec

/// An Avro enum type: a name and its symbols, encoded as the symbol's position.
public struct AvroEnumSchema: Sendable {
    public let name: AvroName
    public let aliases: [AvroName]
    public let doc: String?
    public let symbols: [String]
    /// The symbol a reader uses for a writer's symbol it does not know.
    public let defaultSymbol: String?
    /// Attributes the specification does not define, kept for writing the schema back.
    public let properties: [JSONMember]

    public init(name: AvroName, aliases: [AvroName] = [], doc: String? = nil, symbols: [String], defaultSymbol: String? = nil,
                properties: [JSONMember] = []) {
        self.properties = properties
        self.name = name
        self.aliases = aliases
        self.doc = doc
        self.symbols = symbols
        self.defaultSymbol = defaultSymbol
    }
}
