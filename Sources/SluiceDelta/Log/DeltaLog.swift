import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Reads a table's `_delta_log`: which versions exist, what each commit holds, and the
/// snapshot at a version or a point in time (from the newest checkpoint at or before it,
/// then the JSON commits after it).
public struct DeltaLog: Sendable {
    /// The table's root directory.
    public let table: String

    public init(table: String) {
        self.table = table.count > 1 && table.hasSuffix("/") ? String(table.dropLast()) : table
    }

    public var logDirectory: String { (table as NSString).appendingPathComponent("_delta_log") }

    /// Whether the table exists (its log holds at least one commit or checkpoint).
    public var exists: Bool { !((try? listing())?.commits.isEmpty ?? true) || !((try? listing())?.checkpoints.isEmpty ?? true) }

    /// The file of commit `version`.
    public func commitPath(_ version: Int64) -> String {
        (logDirectory as NSString).appendingPathComponent(Self.versionName(version) + ".json")
    }

    static func versionName(_ version: Int64) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    /// The commits and checkpoints in the log directory.
    struct Listing {
        var commits: [Int64] = []
        /// Checkpoint version → its part files (one for a single-file checkpoint).
        var checkpoints: [Int64: [String]] = [:]
    }

    func listing() throws(SluiceError) -> Listing {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: logDirectory)
        } catch {
            throw SluiceError(.inputNotFound, "'\(table)' is not a Delta table: it has no _delta_log directory",
                              hint: "check the path; a new table is created by writing to it with toDeltaLake")
        }
        var listing = Listing()
        var parts: [Int64: [(Int, Int, String)]] = [:]
        for name in names {
            let pieces = name.split(separator: ".")
            guard let version = pieces.first.flatMap({ Int64($0) }), pieces.first?.count == 20 else { continue }
            if pieces.count == 2, pieces[1] == "json" {
                listing.commits.append(version)
            } else if pieces.count == 3, pieces[1] == "checkpoint", pieces[2] == "parquet" {
                parts[version, default: []].append((1, 1, name))
            } else if pieces.count == 5, pieces[1] == "checkpoint", pieces[4] == "parquet",
                      let part = Int(pieces[2]), let total = Int(pieces[3]) {
                parts[version, default: []].append((part, total, name))
            }
        }
        for (version, files) in parts {
            // A multi-part checkpoint counts only when all its parts are there.
            guard let total = files.first?.1, total >= 1, Set(files.map(\.0)) == Set(1...total) else { continue }
            listing.checkpoints[version] = files.sorted { $0.0 < $1.0 }.map { (logDirectory as NSString).appendingPathComponent($0.2) }
        }
        listing.commits.sort()
        return listing
    }

    /// The versions that have a commit file, oldest first.
    public func commitVersions() throws(SluiceError) -> [Int64] {
        try listing().commits
    }

    /// The newest version, or nil for a table without commits.
    public func latestVersion() throws(SluiceError) -> Int64? {
        let listing = try listing()
        return [listing.commits.last, listing.checkpoints.keys.max()].compactMap { $0 }.max()
    }

    /// The actions of commit `version`.
    public func commit(_ version: Int64) throws(SluiceError) -> [DeltaAction] {
        let path = commitPath(version)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SluiceError(.inputNotFound, "Delta table '\(table)' has no commit \(version)",
                              hint: "`sluice delta history \(table)` lists the versions it has")
        }
        var actions: [DeltaAction] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
            let node = try JSONParser.parse(bytes: Array(line), file: path)
            actions.append(try DeltaAction.parse(node, file: path))
        }
        return actions
    }

    /// When commit `version` was made, in milliseconds since the epoch: its `commitInfo`
    /// timestamp, else the file's modification time.
    public func timestamp(of version: Int64) throws(SluiceError) -> Int64 {
        for action in try commit(version) {
            if case .commitInfo(_, let timestamp?) = action { return timestamp }
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: commitPath(version))
        let date = attributes?[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
        return Int64(date.timeIntervalSince1970 * 1000)
    }

    /// The snapshot at `version` (nil: the newest).
    public func snapshot(version: Int64? = nil) async throws(SluiceError) -> DeltaSnapshot {
        let listing = try listing()
        guard let latest = [listing.commits.last, listing.checkpoints.keys.max()].compactMap({ $0 }).max() else {
            throw SluiceError(.inputNotFound, "'\(table)' is not a Delta table: its _delta_log holds no commits")
        }
        let target = version ?? latest
        guard target >= 0, target <= latest else {
            throw SluiceError(.invalidValue, "Delta table '\(table)' has no version \(target); its newest is \(latest)",
                              hint: "`sluice delta history \(table)` lists the versions")
        }
        var actions: [DeltaAction] = []
        var start: Int64 = 0
        if let checkpoint = listing.checkpoints.keys.filter({ $0 <= target }).max() {
            for part in listing.checkpoints[checkpoint]! { actions += try await DeltaCheckpointReader.actions(in: part) }
            start = checkpoint + 1
        }
        let needed = start > target ? [] : Array(start...target)
        let available = Set(listing.commits)
        if let missing = needed.first(where: { !available.contains($0) }) {
            throw SluiceError(.malformedData, "Delta table '\(table)' lacks commit \(missing) needed for version \(target)",
                              hint: "the log was cleaned up past this version; time travel to a newer one")
        }
        for commit in needed { actions += try self.commit(commit) }
        return try DeltaSnapshot.replay(actions, table: table, version: target)
    }

    /// The snapshot of the newest version committed at or before `milliseconds` since the epoch.
    public func snapshot(atTimestamp milliseconds: Int64) async throws(SluiceError) -> DeltaSnapshot {
        let commits = try listing().commits
        var chosen: Int64?
        for version in commits {
            if try timestamp(of: version) <= milliseconds { chosen = version } else { break }
        }
        guard let chosen else {
            throw SluiceError(.invalidValue, "Delta table '\(table)' has no version as old as the requested timestamp",
                              hint: "its first commit is newer; `sluice delta history \(table)` lists the versions and their times")
        }
        return try await snapshot(version: chosen)
    }
}
