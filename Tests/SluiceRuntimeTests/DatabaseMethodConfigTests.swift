import Foundation
import SluiceRuntime
import SluiceSpec
import Testing

/// The database methods' config rules, checked without a server (planning touches no data).
@Suite struct DatabaseMethodConfigTests {
    let compiler = PipelineCompiler(registry: .standard)

    func errors(_ config: String, method: String = "fromPostgres", type: String = "extract") async -> [SluiceError] {
        let input = type == "load" ? #"{"type": "extract", "method": "fromPostgres", "config": {"table": "t"}},"# : ""
        let json = #"{"name": "p", "steps": [\#(input){"type": "\#(type)", "method": "\#(method)", "config": \#(config)}]}"#
        do {
            let file = try PipelineFile(json)
            defer { file.remove() }
            _ = try await compiler.compile(file: file.path, options: RunOptions(environment: [:]), identity: RunIdentity(),
                                           lastSuccessfulStart: { _ in nil })
            return []
        } catch {
            return SluiceErrors.flatten(error)
        }
    }

    @Test func theSeedsSettingsPlanAsWritten() async {
        #expect(await errors(#"{"table": "large_table", "partitionColumn": "id", "numPartitions": 20, "lowerBound": 1, "upperBound": 1000000}"#).isEmpty)
        #expect(await errors(#"{"query": "SELECT * FROM orders WHERE status = 'completed'", "fetchSize": "5000"}"#, method: "fromMySQL").isEmpty)
        #expect(await errors(#"{"table": "target_table", "batchSize": 10000, "mode": "append", "properties": {"maxPoolSize": "20", "minPoolSize": "5", "initialPoolSize": "10", "maxIdleTime": "300"}}"#,
                             method: "toPostgres", type: "load").isEmpty)
        #expect(await errors(#"{"table": "t", "mode": "upsert", "mergeKeys": ["id"], "maxPoolSize": 4}"#, method: "toMySQL", type: "load").isEmpty)
    }

    @Test func tableOrQueryAndCompletePartitioningAreRequired() async {
        #expect(await errors(#"{}"#).first?.message.contains("'table' or 'query'") == true)
        #expect(await errors(#"{"table": "t", "query": "SELECT 1"}"#).first?.message.contains("not both") == true)
        #expect(await errors(#"{"table": "t", "partitionColumn": "id", "numPartitions": 4}"#).first?.message
                    .contains("lowerBound, upperBound and numPartitions") == true)
        #expect(await errors(#"{"table": "t", "lowerBound": 1}"#).first?.message.contains("needs partitionColumn") == true)
        #expect(await errors(#"{"table": "t", "partitionColumn": "id", "numPartitions": 4, "lowerBound": 9, "upperBound": 1}"#)
                    .first?.message.contains("larger than upperBound") == true)
    }

    @Test func boundsMayBeDatesOrTimestampsButNotAMixture() async {
        #expect(await errors(#"{"table": "t", "partitionColumn": "day", "numPartitions": 4, "lowerBound": "2025-01-01", "upperBound": "2025-12-31"}"#).isEmpty)
        #expect(await errors(#"{"table": "t", "partitionColumn": "at", "numPartitions": 4, "lowerBound": "2025-01-01 00:00:00", "upperBound": "2025-01-02T00:00:00Z"}"#).isEmpty)
        #expect(await errors(#"{"table": "t", "partitionColumn": "at", "numPartitions": 4, "lowerBound": 1, "upperBound": "2025-01-02"}"#)
                    .first?.message.contains("both") == true)
        #expect(await errors(#"{"table": "t", "partitionColumn": "at", "numPartitions": 4, "lowerBound": "soon", "upperBound": "later"}"#)
                    .first?.message.contains("must be an integer, a date") == true)
        #expect(await errors(#"{"table": "t", "partitionColumn": "at", "numPartitions": 4, "lowerBound": "2025-02-01", "upperBound": "2025-01-01"}"#)
                    .first?.message.contains("larger than upperBound") == true)
    }

    @Test func upsertNeedsMergeKeysAndMergeKeysNeedUpsert() async {
        #expect(await errors(#"{"table": "t", "mode": "upsert"}"#, method: "toPostgres", type: "load").first?.message
                    .contains("needs mergeKeys") == true)
        #expect(await errors(#"{"table": "t", "mode": "append", "mergeKeys": ["id"]}"#, method: "toMySQL", type: "load").first?.message
                    .contains("upsert") == true)
    }

    @Test func credentialKeysAreErrorsWherePoolKeysAreWelcome() async {
        let top = await errors(#"{"table": "t", "host": "db", "password": "x"}"#)
        #expect(top.map(\.jsonPath) == ["$.steps[0].config.host", "$.steps[0].config.password"])
        #expect(top.allSatisfy { $0.hint?.contains("SLUICE_POSTGRES_") == true })
        let nested = await errors(#"{"table": "t", "properties": {"maxPoolSize": 2, "password": "x"}}"#, method: "fromMySQL")
        #expect(nested.first?.jsonPath == "$.steps[0].config.properties.password")
        #expect(await errors(#"{"table": "t", "properties": {"poolName": "x"}}"#).first?.code == .unknownKey)
    }
}
