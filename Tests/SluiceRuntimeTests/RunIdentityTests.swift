import Foundation
import SluiceRuntime
import Testing

/// A run's id and its runtime variables are UTC texts of its start, to the microsecond.
@Suite struct RunIdentityTests {
    @Test func idAndVariablesAreUTCTextsOfTheStart() {
        let identity = RunIdentity(startedAt: Date(timeIntervalSince1970: 1_764_041_415.25), suffix: "abc123")
        #expect(identity.runId == "20251125T033015Z-abc123")
        let variables = identity.variables(lastSuccessfulStart: Date(timeIntervalSince1970: 1_764_000_000.5))
        #expect(variables["run_date"] == "2025-11-25")
        #expect(variables["last_run_timestamp"] == "2025-11-24 16:00:00.500000")
        #expect(identity.variables(lastSuccessfulStart: nil)["last_run_timestamp"] == "1970-01-01 00:00:00.000000")
        let early = RunIdentity(startedAt: Date(timeIntervalSince1970: 951_782_400 + 59), suffix: "000001")
        #expect(early.runId == "20000229T000059Z-000001")
    }
}
