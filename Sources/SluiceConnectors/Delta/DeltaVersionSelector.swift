import SluiceDelta
import SluiceSpec

/// Which version of a table to read: the newest, a version number, or the newest at a time.
public enum DeltaVersionSelector: Sendable, Equatable {
    case latest
    case version(Int64)
    /// Milliseconds since the epoch.
    case timestamp(Int64)

    func snapshot(of log: DeltaLog) async throws(SluiceError) -> DeltaSnapshot {
        switch self {
        case .latest: try await log.snapshot()
        case .version(let version): try await log.snapshot(version: version)
        case .timestamp(let milliseconds): try await log.snapshot(atTimestamp: milliseconds)
        }
    }
}

/// Loads a snapshot once and hands the same one to every caller.
actor DeltaSnapshotCache {
    private let log: DeltaLog
    private let selector: DeltaVersionSelector
    private var loaded: DeltaSnapshot?

    init(log: DeltaLog, selector: DeltaVersionSelector) {
        self.log = log
        self.selector = selector
    }

    func snapshot() async throws(SluiceError) -> DeltaSnapshot {
        if let loaded { return loaded }
        let snapshot = try await selector.snapshot(of: log)
        try snapshot.protocolVersion.checkReadable(table: log.table)
        loaded = snapshot
        return snapshot
    }
}
