import Foundation
import PostgresNIO
@testable import SluiceConnectors
import SluiceEngine
import SluiceSpec
import Testing

/// The database servers the integration tests run against: settings from the environment
/// that scripts/test exports (`SLUICE_PGTEST_*`, `SLUICE_MYSQLTEST_*`), defaulting to what
/// scripts/start-postgres and scripts/start-mariadb set up.
enum TestServers {
    static let postgresPath = "pgtest"
    static let mysqlPath = "mysqltest"

    /// The process environment plus the start scripts' settings where it has none.
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        let defaults = [
            "SLUICE_PGTEST_HOST": "127.0.0.1", "SLUICE_PGTEST_PORT": "54329", "SLUICE_PGTEST_DATABASE": "sluice_test",
            "SLUICE_PGTEST_USER": "sluice", "SLUICE_PGTEST_PASSWORD": "sluice",
            "SLUICE_MYSQLTEST_HOST": "127.0.0.1", "SLUICE_MYSQLTEST_PORT": "33069", "SLUICE_MYSQLTEST_DATABASE": "sluice_test",
            "SLUICE_MYSQLTEST_USER": "sluice", "SLUICE_MYSQLTEST_PASSWORD": "sluice",
        ]
        environment.merge(defaults) { current, _ in current }
        return environment
    }()

    static func credentials(_ path: String, port: Int) throws -> DatabaseCredentials {
        try DatabaseCredentials.resolve(credentialPath: path, defaultPort: port, environment: environment, dotEnv: [:])
    }

    /// A table name no other test uses.
    static func tableName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// Runs SQL on the PostgreSQL test server, failing with how to start it when it is not running.
struct PostgresAdmin {
    let connection: PostgresConnection

    static func connect() async throws -> PostgresAdmin {
        let credentials = try TestServers.credentials(TestServers.postgresPath, port: 5432)
        do {
            return PostgresAdmin(connection: try await PostgresConnector.connect(credentials, origin: nil))
        } catch {
            Issue.record("the PostgreSQL test server is not reachable at \(credentials.summary): run scripts/start-postgres (scripts/test starts it). \(error)")
            throw error
        }
    }

    func execute(_ sql: String) async throws {
        try await PostgresConnector.execute(sql, on: connection, action: "test setup", origin: nil)
    }

    /// The rows of `sql`, read back through `PostgresSource`'s decoder as values.
    func rows(_ sql: String) async throws -> [[ScalarValue]] {
        try await TestData.rows(of: PostgresSource(request: TableReadRequest(relation: .query(sql)),
                                                   credentialPath: TestServers.postgresPath, environment: TestServers.environment))
    }

    func close() async { try? await connection.close() }

    func source(_ relation: TableReadRequest.Relation, partitioning: TableReadRequest.Partitioning? = nil,
                fetchSize: Int = 1_000) -> PostgresSource {
        PostgresSource(request: TableReadRequest(relation: relation, partitioning: partitioning, fetchSize: fetchSize, maxConnections: 4),
                       credentialPath: TestServers.postgresPath, environment: TestServers.environment)
    }

    func sink(_ table: String, _ mode: TableWriteRequest.Mode, batchSize: Int = 1_000) -> PostgresSink {
        PostgresSink(request: TableWriteRequest(table: table, mode: mode, batchSize: batchSize),
                     credentialPath: TestServers.postgresPath, environment: TestServers.environment)
    }
}

/// Runs SQL on the MariaDB test server, failing with how to start it when it is not running.
struct MySQLAdmin {
    let connection: MySQLConnection

    static func connect() async throws -> MySQLAdmin {
        let credentials = try TestServers.credentials(TestServers.mysqlPath, port: 3306)
        do {
            return MySQLAdmin(connection: try await MySQLConnection.connect(credentials, origin: nil))
        } catch {
            Issue.record("the MariaDB test server is not reachable at \(credentials.summary): run scripts/start-mariadb (scripts/test starts it). \(error)")
            throw error
        }
    }

    func execute(_ sql: String) async throws {
        try await connection.execute(sql, action: "test setup")
    }

    func rows(_ sql: String) async throws -> [[ScalarValue]] {
        try await TestData.rows(of: MySQLSource(request: TableReadRequest(relation: .query(sql)),
                                                credentialPath: TestServers.mysqlPath, environment: TestServers.environment))
    }

    func close() async { await connection.close() }

    func source(_ relation: TableReadRequest.Relation, partitioning: TableReadRequest.Partitioning? = nil,
                fetchSize: Int = 1_000) -> MySQLSource {
        MySQLSource(request: TableReadRequest(relation: relation, partitioning: partitioning, fetchSize: fetchSize, maxConnections: 4),
                    credentialPath: TestServers.mysqlPath, environment: TestServers.environment)
    }

    func sink(_ table: String, _ mode: TableWriteRequest.Mode, batchSize: Int = 1_000) -> MySQLSink {
        MySQLSink(request: TableWriteRequest(table: table, mode: mode, batchSize: batchSize),
                  credentialPath: TestServers.mysqlPath, environment: TestServers.environment)
    }
}

/// Datasets built in memory and rows read back as values.
enum TestData {
    /// Every row of a source, as values, in the order read.
    static func rows(of source: any Source) async throws -> [[ScalarValue]] {
        var rows: [[ScalarValue]] = []
        for try await batch in try await source.scan() {
            for index in 0..<batch.rowCount { rows.append(batch.row(index)) }
        }
        return rows
    }

    /// A stream of `rows` under `schema`, `batchRows` rows per batch.
    static func stream(_ schema: Schema, _ rows: [[ScalarValue]], batchRows: Int = 2) -> RecordBatchStream {
        var batches: [RecordBatch] = []
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(start + batchRows, rows.count)]
            var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
            for row in slice { for (index, value) in row.enumerated() { builders[index].append(value) } }
            batches.append(RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() }))
            start += batchRows
        }
        return RecordBatchStream(schema: schema, batches: batches)
    }

    /// Writes `rows` through `sink` and commits.
    static func load(_ sink: any Sink, _ schema: Schema, _ rows: [[ScalarValue]], batchRows: Int = 2) async throws -> Int {
        let staged = try await sink.stage(stream(schema, rows, batchRows: batchRows))
        try await staged.commit()
        return staged.rowCount
    }

    /// The schema every type test uses, and rows covering each type's edges and nulls.
    static let allTypes = Schema([
        Field("id", .int32), Field("flag", .boolean), Field("small", .int32), Field("big", .int64), Field("ratio", .float64),
        Field("name", .string), Field("day", .date), Field("at", .timestamp),
    ])

    static let allTypeRows: [[ScalarValue]] = [
        [.int32(1), .boolean(true), .int32(-2_147_483_648), .int64(9_223_372_036_854_775_807), .float64(0.1),
         .string("plain"), .date(0), .timestamp(0)],
        [.int32(2), .boolean(false), .int32(2_147_483_647), .int64(-9_223_372_036_854_775_807), .float64(-1.5e300),
         .string("tab\there, newline\nthere, back\\slash, quote \" and ' and ünïcödé 🚀"), .date(20_000), .timestamp(1_736_000_000_123_456)],
        [.int32(3), .null, .null, .null, .null, .null, .null, .null],
        [.int32(4), .boolean(true), .int32(0), .int64(0), .float64(123_456.789_012_5), .string(""), .date(-719_162),
         .timestamp(-1_000_000)],
    ]

    /// Rows sorted by their first value (an int id), for order-free comparisons.
    static func sortedByID(_ rows: [[ScalarValue]]) -> [[ScalarValue]] {
        rows.sorted { id($0) < id($1) }
    }

    static func id(_ row: [ScalarValue]) -> Int64 {
        switch row[0] {
        case .int32(let value): Int64(value)
        case .int64(let value): value
        default: Int64.min
        }
    }
}
