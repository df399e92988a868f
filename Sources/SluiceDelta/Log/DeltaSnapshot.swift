import SluiceSpec

/// The state of a table at one version: its protocol, metadata and live data files.
public struct DeltaSnapshot: Sendable {
    /// The table's root directory.
    public let table: String
    public let version: Int64
    public let protocolVersion: DeltaProtocolVersion
    public let metadata: DeltaMetadata
    public let schema: DeltaSchema
    /// The data files of this version, in the order they were added.
    public let files: [DeltaAddFile]
    /// The last committed version of each application that wrote with `txn` actions.
    public let transactions: [String: Int64]

    /// Replays `actions` (a checkpoint's, then each commit's, in order) into a snapshot.
    static func replay(_ actions: [DeltaAction], table: String, version: Int64) throws(SluiceError) -> DeltaSnapshot {
        var protocolVersion: DeltaProtocolVersion?
        var metadata: DeltaMetadata?
        var order: [String] = []
        var files: [String: DeltaAddFile] = [:]
        var transactions: [String: Int64] = [:]
        for action in actions {
            switch action {
            case .protocolVersion(let value): protocolVersion = value
            case .metadata(let value): metadata = value
            case .add(let file):
                if files[file.path] == nil { order.append(file.path) }
                files[file.path] = file
            case .remove(let file): files[file.path] = nil
            case .transaction(let appId, let appVersion, _): transactions[appId] = appVersion
            case .commitInfo, .other: break
            }
        }
        guard let protocolVersion, let metadata else {
            throw SluiceError(.malformedData, "Delta table '\(table)' has no protocol or metadata up to version \(version)",
                              hint: "the log is incomplete; is this the table's root directory?")
        }
        return DeltaSnapshot(
            table: table, version: version, protocolVersion: protocolVersion, metadata: metadata,
            schema: try DeltaSchema(schemaString: metadata.schemaString, table: table),
            files: order.compactMap { files[$0] }, transactions: transactions)
    }
}
