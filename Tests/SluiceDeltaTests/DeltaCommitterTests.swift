import Foundation
@testable import SluiceDelta
import SluiceSpec
import Testing

/// Commits without data files: the log's put-if-absent, the conflict rules and the protocol checks.
@Suite struct DeltaCommitterTests {
    static func table() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-delta-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let schema = "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}"

    static func create(_ log: DeltaLog) throws {
        let actions: [DeltaAction] = [.protocolVersion(.sluiceDefault), .metadata(DeltaMetadata(schemaString: schema, partitionColumns: []))]
        _ = try DeltaCommitter(log: log).commit(actions, readVersion: nil, intent: .init(readsData: false, removedPaths: [], changesMetadata: true))
    }

    static func add(_ path: String) -> DeltaAction {
        .add(DeltaAddFile(path: path, partitionValues: [:], size: 10, modificationTime: 0, stats: "{\"numRecords\":1}"))
    }

    @Test func aBlindAppendMovesPastAConcurrentAppend() async throws {
        let log = DeltaLog(table: try Self.table())
        defer { try? FileManager.default.removeItem(atPath: log.table) }
        try Self.create(log)
        let committer = DeltaCommitter(log: log)
        let append = DeltaCommitter.Intent(readsData: false, removedPaths: [], changesMetadata: false)
        #expect(try committer.commit([Self.add("a.parquet")], readVersion: 0, intent: append) == 1)
        // This writer read version 0 too: it lands at version 2.
        #expect(try committer.commit([Self.add("b.parquet")], readVersion: 0, intent: append) == 2)
        let snapshot = try await log.snapshot()
        #expect(snapshot.version == 2 && snapshot.files.map(\.path) == ["a.parquet", "b.parquet"])
    }

    @Test func anOverwriteRacingAnAppendIsAConflict() async throws {
        let log = DeltaLog(table: try Self.table())
        defer { try? FileManager.default.removeItem(atPath: log.table) }
        try Self.create(log)
        let committer = DeltaCommitter(log: log)
        _ = try committer.commit([Self.add("a.parquet")], readVersion: 0, intent: .init(readsData: false, removedPaths: [], changesMetadata: false))
        let overwrite = DeltaCommitter.Intent(readsData: true, removedPaths: [], changesMetadata: false)
        #expect {
            try committer.commit([Self.add("c.parquet")], readVersion: 0, intent: overwrite)
        } throws: { error in
            guard let error = error as? SluiceError else { return false }
            return error.code.rawValue == "delta-conflict" && error.message.contains("version 1")
        }
        #expect(try log.latestVersion() == 1)
        // Two writers removing the same file conflict too.
        let removal = DeltaCommitter.Intent(readsData: false, removedPaths: ["a.parquet"], changesMetadata: false)
        let remove = DeltaAction.remove(DeltaRemoveFile(path: "a.parquet", deletionTimestamp: 1, partitionValues: [:], size: 10))
        _ = try committer.commit([remove], readVersion: 1, intent: removal)
        #expect(throws: SluiceError.self) { try committer.commit([remove], readVersion: 1, intent: removal) }
    }

    @Test func tablesNeedingUnsupportedFeaturesAreRefused() {
        #expect(throws: SluiceError.self) {
            try DeltaProtocolVersion(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["deletionVectors"], writerFeatures: ["deletionVectors"])
                .checkReadable(table: "t")
        }
        #expect(throws: SluiceError.self) { try DeltaProtocolVersion(minReaderVersion: 2, minWriterVersion: 5).checkReadable(table: "t") }
        #expect(throws: SluiceError.self) { try DeltaProtocolVersion(minReaderVersion: 1, minWriterVersion: 4).checkWritable(table: "t") }
        #expect(throws: Never.self) {
            try DeltaProtocolVersion(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["timestampNtz"], writerFeatures: ["timestampNtz"])
                .checkWritable(table: "t")
        }
        do {
            try DeltaProtocolVersion(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["columnMapping"], writerFeatures: []).checkReadable(table: "t")
        } catch {
            #expect(error.message.contains("'columnMapping'"))
        }
    }

    @Test func actionsRoundTripThroughTheirLogLines() throws {
        let actions: [DeltaAction] = [
            .protocolVersion(DeltaProtocolVersion(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["timestampNtz"], writerFeatures: [])),
            .metadata(DeltaMetadata(id: "x", schemaString: Self.schema, partitionColumns: ["day"], configuration: ["k": "v"], createdTime: 5)),
            .add(DeltaAddFile(path: "day=2025-01-01/a%20b.parquet", partitionValues: ["day": "2025-01-01", "n": nil], size: 3, modificationTime: 4, stats: "{}")),
            .remove(DeltaRemoveFile(path: "old.parquet", deletionTimestamp: 9, partitionValues: [:], size: 1)),
            .transaction(appId: "app", version: 7, lastUpdated: 8),
        ]
        for action in actions {
            let parsed = try DeltaAction.parse(try JSONParser.parse(action.line, file: "log"), file: "log")
            #expect(parsed == action)
        }
    }
}
