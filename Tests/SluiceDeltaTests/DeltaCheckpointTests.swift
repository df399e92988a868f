import Foundation
@testable import SluiceDelta
import SluiceFormats
import SluiceSpec
import Testing

/// Checkpoints written by Sluice, whole and in parts, replayed into the same snapshot.
@Suite struct DeltaCheckpointTests {
    /// A table of 12 commits: creation, 10 appends and one removal.
    static func table() throws -> DeltaLog {
        let log = DeltaLog(table: try DeltaCommitterTests.table())
        try DeltaCommitterTests.create(log)
        let committer = DeltaCommitter(log: log)
        let append = DeltaCommitter.Intent(readsData: false, removedPaths: [], changesMetadata: false)
        for index in 1...10 {
            _ = try committer.commit([DeltaCommitterTests.add("f\(index).parquet")], readVersion: Int64(index - 1), intent: append)
        }
        let remove = DeltaAction.remove(DeltaRemoveFile(path: "f3.parquet", deletionTimestamp: Int64(Date().timeIntervalSince1970 * 1000),
                                                        partitionValues: [:], size: 10))
        _ = try committer.commit([remove, .transaction(appId: "app", version: 4, lastUpdated: nil)], readVersion: 10, intent: append)
        return log
    }

    static func removeCommits(_ log: DeltaLog, through version: Int64) throws {
        for commit in 0...version { try FileManager.default.removeItem(atPath: log.commitPath(commit)) }
    }

    @Test func aCheckpointReplaysToTheSameSnapshot() async throws {
        let log = try Self.table()
        defer { try? FileManager.default.removeItem(atPath: log.table) }
        let expected = try await log.snapshot()
        try DeltaCheckpointWriter.write(expected, log: log)
        try Self.removeCommits(log, through: 10)
        let replayed = try await log.snapshot()
        #expect(replayed.version == 11)
        #expect(replayed.files.map(\.path) == expected.files.map(\.path))
        #expect(replayed.files.first?.stats == "{\"numRecords\":1}")
        #expect(replayed.transactions == ["app": 4])
        #expect(replayed.metadata == expected.metadata && replayed.protocolVersion == expected.protocolVersion)
        #expect(replayed.tombstones.map(\.path) == ["f3.parquet"])
    }

    @Test func aMultiPartCheckpointCountsOnlyWithAllItsParts() async throws {
        let log = try Self.table()
        defer { try? FileManager.default.removeItem(atPath: log.table) }
        let snapshot = try await log.snapshot(version: 10)
        let rows = DeltaCheckpointWriter.rows(snapshot, now: Int64(Date().timeIntervalSince1970 * 1000))
        let halves = [Array(rows[..<(rows.count / 2)]), Array(rows[(rows.count / 2)...])]
        let name = DeltaLog.versionName(10)
        let parts = (1...2).map { (log.logDirectory as NSString).appendingPathComponent("\(name).checkpoint.000000000\($0).0000000002.parquet") }
        try Data(try DeltaCheckpointWriter.encode(halves[0])).write(to: URL(fileURLWithPath: parts[0]))
        // One part alone is not a checkpoint: the commits are still needed.
        try Self.removeCommits(log, through: 9)
        await #expect(throws: SluiceError.self) { try await log.snapshot() }
        try Data(try DeltaCheckpointWriter.encode(halves[1])).write(to: URL(fileURLWithPath: parts[1]))
        let replayed = try await log.snapshot()
        #expect(replayed.version == 11)
        #expect(replayed.files.map(\.path) == (1...10).filter { $0 != 3 }.map { "f\($0).parquet" })
    }
}
