import Foundation
@testable import SluiceConnectors
import SluiceEngine
import Testing

/// `sluice run` and `sluice validate` on pipelines that read and write the test servers, as a
/// user runs them: the built binary, a scratch directory, settings in the environment.
@Suite struct PipelineIntegrationTests {
    @Test func postgresThroughATransformIntoFilesThenFilesIntoMySQL() async throws {
        let pg = try await DatabaseAdmin.postgres()
        defer { Task { await pg.close() } }
        let my = try await DatabaseAdmin.mysql()
        defer { Task { await my.close() } }
        let source = TestServers.tableName("e2e_orders")
        let target = TestServers.tableName("e2e_big_orders")
        try await pg.execute("CREATE TABLE \(source) (id bigint, customer text, amount numeric(10,2), placed date)")
        try await pg.execute("""
            INSERT INTO \(source) SELECT g, 'c' || (g % 7), g * 1.25, date '2025-01-01' + (g % 30) FROM generate_series(1, 500) g
            """)
        try await pg.execute("INSERT INTO \(source) VALUES (NULL, 'nobody', 999, NULL)")
        let scratch = try SluiceProcess()
        defer { scratch.remove() }
        try scratch.write("extract.json", """
            {"name": "pg-to-files", "steps": [
              {"type": "extract", "method": "fromPostgres",
               "config": {"credentialPath": "pgtest", "table": "\(source)", "partitionColumn": "id",
                          "lowerBound": 1, "upperBound": 500, "numPartitions": 6, "fetchSize": 50,
                          "properties": {"maxPoolSize": "3", "minPoolSize": "1", "initialPoolSize": "2", "maxIdleTime": "300"},
                          "registerAs": "orders"}},
              {"type": "transform", "method": "filterRows", "config": {"condition": "amount >= 500"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/big", "format": "csv", "mode": "overwrite"}}
            ]}
            """)
        let extract = try scratch.run("run", "extract.json", environment: TestServers.environment)
        #expect(extract.status == 0, "\(extract.stderr)")
        let csv = try scratch.read("out/big/part-00000.csv").split(separator: "\n")
        #expect(csv.first == "id,customer,amount,placed")
        #expect(csv.count == 1 + 101 + 1, "ids 400...500 and the row with a NULL id")

        try scratch.write("load.json", """
            {"name": "files-to-mysql", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "out/big", "format": "csv"}},
              {"type": "load", "method": "toMySQL",
               "config": {"credentialPath": "mysqltest", "table": "\(target)", "mode": "overwrite", "batchSize": 17,
                          "maxPoolSize": 2}}
            ]}
            """)
        let load = try scratch.run("run", "load.json", environment: TestServers.environment)
        #expect(load.status == 0, "\(load.stderr)")
        let loaded = try await my.rows("SELECT COUNT(*), COUNT(id), SUM(id), MIN(amount), MAX(amount) FROM \(target)")
        #expect(loaded == [[.int64(102), .int64(101), .decimal(DecimalValue(unscaled: 45_450, scale: 0)), .float64(500), .float64(999)]])
    }

    @Test func aFailingLaterStepRollsBackTheDatabaseLoad() async throws {
        let pg = try await DatabaseAdmin.postgres()
        defer { Task { await pg.close() } }
        let target = TestServers.tableName("e2e_rollback")
        try await pg.execute("CREATE TABLE \(target) (id integer, name text)")
        try await pg.execute("INSERT INTO \(target) VALUES (1, 'before')")
        let scratch = try SluiceProcess()
        defer { scratch.remove() }
        try scratch.write("in.csv", "id,name\n2,new\n3,newer\n")
        try scratch.write("pipeline.json", """
            {"name": "rollback", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in.csv", "format": "csv", "registerAs": "rows"}},
              {"type": "load", "method": "toPostgres", "config": {"credentialPath": "pgtest", "table": "\(target)", "mode": "overwrite"}},
              {"type": "load", "method": "toFile", "config": {"inputDataFrames": ["rows"], "path": "in.csv", "format": "csv"}}
            ]}
            """)
        let result = try scratch.run("run", "pipeline.json", environment: TestServers.environment)
        #expect(result.status == 1, "the file load fails: its path exists (errorIfExists)")
        #expect(try await pg.rows("SELECT id, name FROM \(target)") == [[.int32(1), .string("before")]])
    }

    @Test func credentialsInThePipelineFileAreRejectedWithWhereTheyBelong() throws {
        let scratch = try SluiceProcess()
        defer { scratch.remove() }
        try scratch.write("pipeline.json", """
            {"name": "secret", "steps": [
              {"type": "extract", "method": "fromMySQL", "config": {"table": "t", "password": "hunter2"}},
              {"type": "extract", "method": "fromPostgres", "config": {"table": "t", "properties": {"user": "me"}}}
            ]}
            """)
        let result = try scratch.run("validate", "pipeline.json", environment: TestServers.environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("'password' must not be written in a pipeline file"), "\(result.stderr)")
        #expect(result.stderr.contains("SLUICE_MYSQL_PASSWORD"), "\(result.stderr)")
        #expect(result.stderr.contains("'user' must not be written in a pipeline file"), "\(result.stderr)")
        #expect(result.stderr.contains("SLUICE_POSTGRES_USER"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2"), "the secret is never echoed")
    }

    @Test func aLimitStopsAPartitionedReadEarlyAndExplainNeedsNoServer() async throws {
        let pg = try await DatabaseAdmin.postgres()
        defer { Task { await pg.close() } }
        let table = TestServers.tableName("e2e_many")
        try await pg.execute("CREATE TABLE \(table) AS SELECT g::bigint AS id, repeat('x', 100) AS pad FROM generate_series(1, 300000) g")
        let scratch = try SluiceProcess()
        defer { scratch.remove() }
        try scratch.write("limit.json", """
            {"name": "limit", "steps": [
              {"type": "extract", "method": "fromPostgres",
               "config": {"credentialPath": "pgtest", "table": "\(table)", "partitionColumn": "id", "lowerBound": 1,
                          "upperBound": 300000, "numPartitions": 8, "fetchSize": 1000}},
              {"type": "transform", "method": "limitRows", "config": {"limit": 5}},
              {"type": "load", "method": "toFile", "config": {"path": "out/few", "format": "csv"}}
            ]}
            """)
        let started = Date()
        let result = try scratch.run("run", "limit.json", environment: TestServers.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.read("out/few/part-00000.csv").split(separator: "\n").count == 1 + 5)
        #expect(Date().timeIntervalSince(started) < 30)
        let explain = try scratch.run("explain", "limit.json", environment: ["SLUICE_PGTEST_USER": ""])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("postgres table \(table) (credentials pgtest) in 8 ranges of id"), "\(explain.stdout)")
    }
}
