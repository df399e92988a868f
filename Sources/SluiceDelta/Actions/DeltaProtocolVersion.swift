import SluiceSpec

/// The `protocol` action: the reader and writer versions (and, from versions 3 and 7, the
/// named features) a client needs to read or write the table.
public struct DeltaProtocolVersion: Sendable, Equatable {
    public var minReaderVersion: Int
    public var minWriterVersion: Int
    public var readerFeatures: [String]?
    public var writerFeatures: [String]?

    /// What Sluice writes for new tables: readable and writable by every Delta client.
    public static let sluiceDefault = DeltaProtocolVersion(minReaderVersion: 1, minWriterVersion: 2)

    public init(minReaderVersion: Int, minWriterVersion: Int, readerFeatures: [String]? = nil, writerFeatures: [String]? = nil) {
        self.minReaderVersion = minReaderVersion
        self.minWriterVersion = minWriterVersion
        self.readerFeatures = readerFeatures
        self.writerFeatures = writerFeatures
    }

    init(_ json: DeltaJSON) throws(SluiceError) {
        minReaderVersion = Int(try json.int("minReaderVersion"))
        minWriterVersion = Int(try json.int("minWriterVersion"))
        readerFeatures = json.node["readerFeatures"] == nil ? nil : json.strings("readerFeatures")
        writerFeatures = json.node["writerFeatures"] == nil ? nil : json.strings("writerFeatures")
    }

    var json: String {
        var writer = DeltaJSONWriter()
        writer.int("minReaderVersion", Int64(minReaderVersion))
        writer.int("minWriterVersion", Int64(minWriterVersion))
        if let readerFeatures { writer.strings("readerFeatures", readerFeatures) }
        if let writerFeatures { writer.strings("writerFeatures", writerFeatures) }
        return writer.text
    }

    /// Reader features whose data Sluice reads correctly (they change nothing for a reader
    /// that ignores them).
    static let readableFeatures: Set<String> = ["appendOnly", "invariants", "checkConstraints", "generatedColumns",
                                                "identityColumns", "changeDataFeed", "domainMetadata", "vacuumProtocolCheck",
                                                "timestampNtz"]
    /// Writer features whose rules Sluice follows when it writes.
    static let writableFeatures: Set<String> = ["appendOnly", "invariants", "domainMetadata", "vacuumProtocolCheck", "timestampNtz"]

    /// Throws when the table needs a reader feature Sluice lacks (deletion vectors, column
    /// mapping, ...): reading it anyway could return wrong rows.
    public func checkReadable(table: String) throws(SluiceError) {
        if minReaderVersion == 2 {
            throw unsupported(table, "column mapping (reader version 2)")
        }
        if minReaderVersion > 3 { throw unsupported(table, "reader version \(minReaderVersion)") }
        if minReaderVersion == 3, let missing = (readerFeatures ?? []).first(where: { !Self.readableFeatures.contains($0) }) {
            throw unsupported(table, "the '\(missing)' reader feature")
        }
    }

    /// Throws when writing would break a rule of the table that Sluice does not enforce.
    public func checkWritable(table: String) throws(SluiceError) {
        try checkReadable(table: table)
        if minWriterVersion > 7 { throw unsupported(table, "writer version \(minWriterVersion)") }
        if minWriterVersion >= 3 && minWriterVersion < 7 {
            // Versions 3 to 6 bring check constraints, change data feed, generated and identity
            // columns, column mapping: Sluice does not maintain them.
            throw unsupported(table, "writer version \(minWriterVersion) (constraints, generated columns or column mapping)")
        }
        if minWriterVersion == 7, let missing = (writerFeatures ?? []).first(where: { !Self.writableFeatures.contains($0) }) {
            throw unsupported(table, "the '\(missing)' writer feature")
        }
    }

    private func unsupported(_ table: String, _ what: String) -> SluiceError {
        SluiceError(.unsupported, "Delta table '\(table)' uses \(what), which this version of Sluice does not support",
                    hint: "read or write it with a client that supports the feature, or rewrite the table without it")
    }
}
