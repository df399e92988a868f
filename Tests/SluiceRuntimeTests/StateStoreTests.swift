import Foundation
import SluiceRuntime
import Testing

@Suite struct StateStoreTests {
    func withStore(_ body: (StateStore) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await StateStore.open(directory: directory)
        try await body(store)
        await store.close()
    }

    @Test func theStoreKeepsAWriteAheadLog() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await StateStore.open(directory: directory)
        try await store.save(RunRecord(runId: "a", pipeline: "p", startedAt: Date(), status: .running))
        await store.close()
        // Bytes 18 and 19 of an SQLite file's header are 2 in write-ahead-log mode, 1 with a rollback journal.
        let header = try #require(FileManager.default.contents(atPath: directory + "/state.db"))
        #expect(header.count >= 100)
        #expect(header[18] == 2 && header[19] == 2)
    }

    @Test func lastSuccessfulStartIgnoresFailedAndRunningRunsAndOtherPipelines() async throws {
        try await withStore { store in
            let t0 = Date(timeIntervalSince1970: 1_700_000_000.123456)
            #expect(try await store.lastSuccessfulStart(of: "p") == nil)
            try await store.save(RunRecord(runId: "a", pipeline: "p", startedAt: t0, endedAt: t0, status: .succeeded))
            try await store.save(RunRecord(runId: "b", pipeline: "p", startedAt: t0 + 60, status: .failed))
            try await store.save(RunRecord(runId: "c", pipeline: "p", startedAt: t0 + 120, status: .running))
            try await store.save(RunRecord(runId: "d", pipeline: "q", startedAt: t0 + 180, status: .succeeded))
            let last = try #require(try await store.lastSuccessfulStart(of: "p"))
            #expect(abs(last.timeIntervalSince(t0)) < 0.000_01)
        }
    }

    @Test func runsAreListedNewestFirstAndUpdatedInPlace() async throws {
        try await withStore { store in
            let t0 = Date(timeIntervalSince1970: 1_700_000_000)
            var record = RunRecord(runId: "a", pipeline: "p", startedAt: t0, status: .running)
            try await store.save(record)
            try await store.save(RunRecord(runId: "b", pipeline: "q", startedAt: t0 + 10, status: .failed, error: "boom"))
            record.status = .succeeded
            record.rowsRead = 12
            record.rowsWritten = 24
            record.endedAt = t0 + 5
            try await store.save(record)
            let all = try await store.runs()
            #expect(all.map(\.runId) == ["b", "a"])
            #expect(all[0].error == "boom")
            #expect(all[1].status == .succeeded && all[1].rowsRead == 12 && all[1].rowsWritten == 24)
            #expect(try await store.runs(pipeline: "p").map(\.runId) == ["a"])
            #expect(try await store.runs(limit: 1).count == 1)
        }
    }

    @Test func runIdentityGivesSortableIdsAndSQLFriendlyTimestamps() {
        let identity = RunIdentity(startedAt: Date(timeIntervalSince1970: 1_764_041_415), suffix: "abc123")
        #expect(identity.runId == "20251125T033015Z-abc123")
        let variables = identity.variables(lastSuccessfulStart: nil)
        #expect(variables["run_date"] == "2025-11-25")
        #expect(variables["last_run_timestamp"] == "1970-01-01 00:00:00.000000")
        #expect(identity.variables(lastSuccessfulStart: Date(timeIntervalSince1970: 1.5))["last_run_timestamp"]
                == "1970-01-01 00:00:01.500000")
    }
}
