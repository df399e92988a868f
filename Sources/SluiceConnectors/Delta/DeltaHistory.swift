import Foundation
import SluiceDelta
import SluiceSpec

/// One entry of a table's history: a commit's version, time and operation.
public struct DeltaHistoryEntry: Sendable, Codable, Equatable {
    public var version: Int64
    /// Milliseconds since the epoch.
    public var timestamp: Int64
    public var operation: String
    /// The commit's `operationParameters`, as JSON text.
    public var parameters: String

    /// The commits of `table`, newest first.
    public static func of(table: String) throws(SluiceError) -> [DeltaHistoryEntry] {
        let log = DeltaLog(table: table)
        var entries: [DeltaHistoryEntry] = []
        for version in try log.commitVersions().reversed() {
            var operation = "UNKNOWN", parameters = "{}"
            for action in try log.commit(version) {
                guard case .commitInfo(let json, _) = action, let node = try? JSONParser.parse(json, file: "commitInfo") else { continue }
                operation = node["operation"]?.stringValue ?? operation
                parameters = node["operationParameters"]?.jsonText ?? parameters
            }
            entries.append(DeltaHistoryEntry(version: version, timestamp: try log.timestamp(of: version),
                                             operation: operation, parameters: parameters))
        }
        return entries
    }
}
