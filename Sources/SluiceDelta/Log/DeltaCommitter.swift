import Foundation
import SluiceSpec
#if canImport(Glibc)
import Glibc
#endif

/// Commits actions to a table with optimistic concurrency: a commit file is created only if
/// no other writer created that version first (`link(2)` fails on an existing name, which
/// makes the create atomic on local file systems). A writer that loses the race checks the
/// winner's commit for conflicts and tries the next version, or fails with a conflict error.
public struct DeltaCommitter: Sendable {
    /// What a commit did to the table, for the conflict check.
    public struct Intent: Sendable {
        /// Whether the commit read the table's files (an overwrite, a merge), so that files
        /// added meanwhile would be missed.
        public var readsData: Bool
        /// The files the commit removes.
        public var removedPaths: Set<String>
        /// Whether the commit changes the schema, partitioning or protocol.
        public var changesMetadata: Bool
        /// The applications whose `txn` version the commit sets.
        public var transactionApps: Set<String>

        public init(readsData: Bool, removedPaths: Set<String>, changesMetadata: Bool, transactionApps: Set<String> = []) {
            self.readsData = readsData
            self.removedPaths = removedPaths
            self.changesMetadata = changesMetadata
            self.transactionApps = transactionApps
        }
    }

    public let log: DeltaLog
    /// How many times a losing writer tries the next version before giving up.
    public var maxAttempts = 20

    public init(log: DeltaLog) {
        self.log = log
    }

    /// Commits `actions` at `readVersion + 1` or, after compatible concurrent commits, later.
    /// Returns the version committed.
    public func commit(_ actions: [DeltaAction], readVersion: Int64?, intent: Intent) throws(SluiceError) -> Int64 {
        try createLogDirectory()
        let text = actions.map(\.line).joined(separator: "\n") + "\n"
        var version = (readVersion ?? -1) + 1
        for _ in 0..<maxAttempts {
            if try create(version: version, contents: text) { return version }
            try check(winner: version, against: intent, readVersion: readVersion)
            version += 1
        }
        throw SluiceError(.io, "Delta table '\(log.table)' changed \(maxAttempts) times while this run tried to commit",
                          hint: "too many concurrent writers; run again")
    }

    private func createLogDirectory() throws(SluiceError) {
        do {
            try FileManager.default.createDirectory(atPath: log.logDirectory, withIntermediateDirectories: true)
        } catch {
            throw SluiceError(.io, "cannot create '\(log.logDirectory)': \(error.localizedDescription)")
        }
    }

    /// Writes the commit file of `version` unless it exists; false when another writer has it.
    private func create(version: Int64, contents: String) throws(SluiceError) -> Bool {
        let target = log.commitPath(version)
        let temporary = (log.logDirectory as NSString).appendingPathComponent(".\(DeltaLog.versionName(version)).\(UUID().uuidString).json.tmp")
        try DurableFile.create(temporary, contents: Data(contents.utf8))
        defer { unlink(temporary) }
        if link(temporary, target) == 0 { return true }
        if errno == EEXIST { return false }
        throw SluiceError(.io, "cannot create '\(target)': \(String(cString: strerror(errno)))")
    }

    /// Throws when the commit that won `version` conflicts with ours.
    private func check(winner version: Int64, against intent: Intent, readVersion: Int64?) throws(SluiceError) {
        for action in try log.commit(version) {
            switch action {
            case .metadata, .protocolVersion:
                throw conflict(version, "it changed the table's schema, partitioning or protocol")
            case .add where intent.readsData:
                throw conflict(version, "it added files this write, which replaces data it read, would not see")
            case .remove(let file) where intent.removedPaths.contains(file.path):
                throw conflict(version, "it removed '\(file.path)', which this write removes too")
            case .transaction(let appId, _, _) where intent.transactionApps.contains(appId):
                throw conflict(version, "it committed for the same application '\(appId)'")
            default:
                break
            }
        }
        if readVersion == nil, intent.changesMetadata {
            throw conflict(version, "it created the table at the same time")
        }
    }

    private func conflict(_ version: Int64, _ why: String) -> SluiceError {
        SluiceError(.init("delta-conflict", kind: .failure),
                    "another writer committed version \(version) of Delta table '\(log.table)' first, and \(why)",
                    hint: "run again: the write will apply to the new version")
    }
}
