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

/// The database systems every conformance test runs against.
enum TestedSystem: String, CaseIterable, Sendable {
    case postgres
    case mysql

    func connect() async throws -> DatabaseAdmin {
        switch self {
        case .postgres: try await DatabaseAdmin.postgres()
        case .mysql: try await DatabaseAdmin.mysql()
        }
    }
}

/// One test server: SQL for setting up and checking, and the connector's source and sink
/// pointed at it. Connecting fails with how to start the server when it is not running.
struct DatabaseAdmin: Sendable {
    let system: TestedSystem
    private let run: @Sendable (String) async throws -> Void
    private let disconnect: @Sendable () async -> Void
    private let makeSource: @Sendable (TableReadRequest) -> any Source
    private let makeSink: @Sendable (TableWriteRequest) -> any Sink

    static func postgres() async throws -> DatabaseAdmin {
        let connection = try await reach(TestServers.postgresPath, port: 5432, script: "scripts/start-postgres") {
            try await PostgresConnector.connect($0, origin: nil)
        }
        return DatabaseAdmin(
            system: .postgres,
            run: { try await PostgresConnector.execute($0, on: connection, action: "test setup", origin: nil) },
            disconnect: { try? await connection.close() },
            makeSource: { PostgresSource(request: $0, credentialPath: TestServers.postgresPath, environment: TestServers.environment) },
            makeSink: { PostgresSink(request: $0, credentialPath: TestServers.postgresPath, environment: TestServers.environment) })
    }

    static func mysql() async throws -> DatabaseAdmin {
        let connection = try await reach(TestServers.mysqlPath, port: 3306, script: "scripts/start-mariadb") {
            try await MySQLConnection.connect($0, origin: nil)
        }
        return DatabaseAdmin(
            system: .mysql,
            run: { try await connection.execute($0, action: "test setup") },
            disconnect: { await connection.close() },
            makeSource: { MySQLSource(request: $0, credentialPath: TestServers.mysqlPath, environment: TestServers.environment) },
            makeSink: { MySQLSink(request: $0, credentialPath: TestServers.mysqlPath, environment: TestServers.environment) })
    }

    private static func reach<Connection>(_ path: String, port: Int, script: String,
                                          _ connect: (DatabaseCredentials) async throws -> Connection) async throws -> Connection {
        let credentials = try TestServers.credentials(path, port: port)
        do {
            return try await connect(credentials)
        } catch {
            Issue.record("the test server is not reachable at \(credentials.summary): run \(script) (scripts/test starts it). \(error)")
            throw error
        }
    }

    func execute(_ sql: String) async throws { try await run(sql) }

    func close() async { await disconnect() }

    /// The rows of `sql`, read through the connector.
    func rows(_ sql: String) async throws -> [[ScalarValue]] {
        try await TestData.rows(of: makeSource(TableReadRequest(relation: .query(sql))))
    }

    func source(_ relation: TableReadRequest.Relation, partitioning: TableReadRequest.Partitioning? = nil,
                fetchSize: Int = 1_000) -> any Source {
        makeSource(TableReadRequest(relation: relation, partitioning: partitioning, fetchSize: fetchSize, maxConnections: 4))
    }

    func sink(_ table: String, _ mode: TableWriteRequest.Mode, batchSize: Int = 1_000) -> any Sink {
        makeSink(TableWriteRequest(table: table, mode: mode, batchSize: batchSize))
    }

    /// Fills `table (id, label)` with ids `from...to` and labels `row <id>`.
    func insertSequence(into table: String, from: Int, to: Int) async throws {
        switch system {
        case .postgres:
            try await execute("INSERT INTO \(table) SELECT g, 'row ' || g FROM generate_series(\(from), \(to)) g")
        case .mysql:
            try await execute("SET SESSION max_recursive_iterations = 1000000")
            try await execute("""
                INSERT INTO \(table) WITH RECURSIVE g(n) AS (SELECT \(from) UNION ALL SELECT n + 1 FROM g WHERE n < \(to))
                SELECT n, CONCAT('row ', n) FROM g
                """)
        }
    }

    /// Whether a table of this name exists (or, with `like`, any whose name matches the pattern).
    func tableCount(like pattern: String) async throws -> Int {
        let sql = switch system {
        case .postgres: "SELECT count(*)::int FROM pg_tables WHERE tablename LIKE '\(pattern)'"
        case .mysql: "SELECT CAST(COUNT(*) AS SIGNED) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE '\(pattern)'"
        }
        switch try await rows(sql).first?.first {
        case .int32(let count)?: return Int(count)
        case .int64(let count)?: return Int(count)
        default: return -1
        }
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

    /// The first `after` batches of `rows` (7 rows each), then an error, as when an earlier
    /// step fails in the middle of its data.
    static func failingStream(_ schema: Schema, _ rows: [[ScalarValue]], after: Int) -> RecordBatchStream {
        let batches = stream(schema, rows, batchRows: 7)
        return RecordBatchStream(schema: schema) {
            let next = batches.makeNextBatch()
            let counter = Counter()
            return {
                guard counter.increment() <= after else { throw SluiceError(.malformedData, "upstream failed") }
                return try await next()
            }
        }
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

/// A counter shared with a `@Sendable` closure.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
