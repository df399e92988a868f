import Foundation
@testable import SluiceConnectors
import SluiceEngine
import SluiceSpec
import Testing

@Suite struct PostgresIntegrationTests {
    @Test func everyReadableTypeMapsToItsEngineTypeWithItsValues() async throws {
        let admin = try await PostgresAdmin.connect()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("pg_types")
        try await admin.execute("CREATE TYPE \(table)_mood AS ENUM ('sad', 'happy')")
        try await admin.execute("CREATE DOMAIN \(table)_positive AS integer CHECK (VALUE > 0)")
        try await admin.execute("""
            CREATE TABLE \(table) (s smallint, i integer, b bigint, r real, d double precision, n numeric(12,3),
              t text, v varchar(10), c char(4), u uuid, j json, jb jsonb, m \(table)_mood, p \(table)_positive,
              dt date, ts timestamp, tz timestamptz, f boolean)
            """)
        try await admin.execute("""
            INSERT INTO \(table) VALUES (-32768, 2147483647, -9223372036854775808, 1.5, 0.1, 12345.678,
              'tekst ü', 'var', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2]}', '{"b": 2}', 'happy', 7,
              '2024-02-29', '2024-02-29 23:59:59.999999', '2024-03-01 01:00:00+02', true)
            """)
        try await admin.execute("INSERT INTO \(table) (s) VALUES (NULL)")
        let source = admin.source(.table(table))
        let schema = try await source.schema()
        #expect(schema.fields.map(\.type) == [.int32, .int32, .int64, .float64, .float64, .float64, .string, .string, .string,
                                              .string, .string, .string, .string, .int32, .date, .timestamp, .timestamp, .boolean])
        let rows = try await TestData.rows(of: source)
        #expect(rows.count == 2)
        let leapDay = Int64(Temporal.days(year: 2024, month: 2, day: 29))
        let expected: [ScalarValue] = [
            .int32(-32768), .int32(2_147_483_647), .int64(.min), .float64(1.5), .float64(0.1), .float64(12345.678),
            .string("tekst ü"), .string("var"), .string("ab"), .string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            .string("{\"a\": [1, 2]}"), .string("{\"b\": 2}"), .string("happy"), .int32(7),
            .date(Int32(leapDay)),
            .timestamp(leapDay * 86_400_000_000 + 86_399_999_999),
            .timestamp(leapDay * 86_400_000_000 + 23 * 3_600_000_000),
            .boolean(true),
        ]
        #expect(rows[0] == expected)
        #expect(rows[1].allSatisfy { $0 == .null })
    }

    @Test func typesTheEngineCannotHoldAreErrorsNamingTheColumn() async throws {
        let admin = try await PostgresAdmin.connect()
        defer { Task { await admin.close() } }
        for (column, sqlType) in [("payload", "bytea"), ("tags", "text[]"), ("span", "interval")] {
            let table = TestServers.tableName("pg_unsupported")
            try await admin.execute("CREATE TABLE \(table) (id int, \(column) \(sqlType))")
            let error = await #expect(throws: SluiceError.self) { try await admin.source(.table(table)).schema() }
            #expect(error?.code == .unsupported)
            #expect(error?.message.contains("'\(column)'") == true && error?.message.contains(sqlType) == true, "\(String(describing: error))")
        }
    }

    @Test func everyTypeRoundTripsThroughANewTable() async throws {
        let admin = try await PostgresAdmin.connect()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("pg_roundtrip")
        let written = try await TestData.load(admin.sink(table, .errorIfExists, batchSize: 3), TestData.allTypes, TestData.allTypeRows)
        #expect(written == 4)
        let source = admin.source(.table(table))
        #expect(try await source.schema() == TestData.allTypes)
        #expect(TestData.sortedByID(try await TestData.rows(of: source)) == TestData.allTypeRows)
    }

    @Test(arguments: [
        (lower: Int64(100), upper: Int64(500), partitions: 7),
        (lower: 1, upper: 1_000, partitions: 4),
        (lower: 0, upper: 3, partitions: 10),
        (lower: 400, upper: 400, partitions: 5),
        (lower: -5_000, upper: 5_000, partitions: 3),
    ])
    func partitionedReadsReturnEveryRowExactlyOnce(lower: Int64, upper: Int64, partitions: Int) async throws {
        let admin = try await PostgresAdmin.connect()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("pg_parts")
        try await admin.execute("CREATE TABLE \(table) (id bigint, label text)")
        try await admin.execute("INSERT INTO \(table) SELECT g, 'row ' || g FROM generate_series(-20, 1020) g")
        try await admin.execute("INSERT INTO \(table) VALUES (NULL, 'null a'), (NULL, 'null b'), (NULL, 'null c')")
        let source = admin.source(.table(table), partitioning: .init(column: "id", lowerBound: lower, upperBound: upper,
                                                                     numPartitions: partitions), fetchSize: 97)
        let rows = try await TestData.rows(of: source)
        #expect(rows.count == 1_041 + 3)
        let ids = rows.compactMap { row -> Int64? in if case .int64(let id) = row[0] { id } else { nil } }
        #expect(ids.sorted() == Array(-20...1020))
        #expect(rows.filter { $0[0] == .null }.map { $0[1] }.sorted { "\($0)" < "\($1)" }
                == [.string("null a"), .string("null b"), .string("null c")])
    }

    @Test func aQueryIsReadAndOnlyTheNeededColumnsAreFetched() async throws {
        let admin = try await PostgresAdmin.connect()
        defer { Task { await admin.close() } }
        let source = admin.source(.query("SELECT g AS id, g * 2 AS twice, 'x' || g AS name FROM generate_series(1, 10) g;"))
        let batches = try await source.scan(columns: ["twice"]).collect()
        #expect(batches.first?.schema.fields.map(\.name) == ["twice"])
        let values: [ScalarValue] = batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0)[0] } }
        let expected: [ScalarValue] = (1...10).map { ScalarValue.int32(Int32($0 * 2)) }
        #expect(values == expected)
    }

    @Test func writeModesAppendOverwriteIgnoreErrorIfExistsAndUpsert() async throws {
        let admin = try await PostgresAdmin.connect()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("pg_modes")
        let schema = Schema([Field("id", .int32), Field("name", .string)])
        func contents() async throws -> [[ScalarValue]] {
            try await admin.rows("SELECT id, name FROM \(table) ORDER BY id, name")
        }
        _ = try await TestData.load(admin.sink(table, .errorIfExists), schema, [[.int32(1), .string("a")], [.int32(2), .string("b")]])
        _ = try await TestData.load(admin.sink(table, .append), schema, [[.int32(3), .string("c")]])
        #expect(try await contents() == [[.int32(1), .string("a")], [.int32(2), .string("b")], [.int32(3), .string("c")]])

        let exists = await #expect(throws: SluiceError.self) {
            try await TestData.load(admin.sink(table, .errorIfExists), schema, [[.int32(9), .string("z")]])
        }
        #expect(exists?.code == .outputExists)
        let ignored = try await TestData.load(admin.sink(table, .ignore), schema, [[.int32(9), .string("z")]])
        #expect(ignored == 0)
        #expect(try await contents().count == 3)

        _ = try await TestData.load(admin.sink(table, .upsert(mergeKeys: ["id"])), schema,
                                    [[.int32(2), .string("B")], [.int32(4), .string("d")]])
        #expect(try await contents() == [[.int32(1), .string("a")], [.int32(2), .string("B")], [.int32(3), .string("c")],
                                          [.int32(4), .string("d")]])

        _ = try await TestData.load(admin.sink(table, .overwrite), schema, [[.int32(7), .string("g")]])
        #expect(try await contents() == [[.int32(7), .string("g")]])
    }

    @Test func aLoadFailingInTheMiddleLeavesTheTableAsItWas() async throws {
        let admin = try await PostgresAdmin.connect()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("pg_fail")
        try await admin.execute("CREATE TABLE \(table) (id integer CHECK (id < 1000), name text)")
        try await admin.execute("INSERT INTO \(table) VALUES (1, 'kept'), (2, 'kept too')")
        let schema = Schema([Field("id", .int32), Field("name", .string)])
        let rows: [[ScalarValue]] = (10..<60).map { [.int32(Int32($0)), .string("new \($0)")] } + [[.int32(5000), .string("bad")]]
        for mode in [TableWriteRequest.Mode.append, .overwrite, .upsert(mergeKeys: ["id"])] {
            let error = await #expect(throws: SluiceError.self) {
                try await TestData.load(admin.sink(table, mode, batchSize: 10), schema, rows, batchRows: 7)
            }
            #expect(error?.message.contains("check constraint") == true, "\(String(describing: error))")
            #expect(try await admin.rows("SELECT id, name FROM \(table) ORDER BY id")
                    == [[.int32(1), .string("kept")], [.int32(2), .string("kept too")]], "after a failed \(mode.name)")
        }
        // A staged load that the run aborts (another step failed) leaves no trace either.
        let staged = try await admin.sink(table, .overwrite).stage(TestData.stream(schema, [[.int32(3), .string("x")]]))
        await staged.abort()
        #expect(try await admin.rows("SELECT count(*)::int FROM \(table)") == [[.int32(2)]])
        let missing = TestServers.tableName("pg_never")
        let created = try await admin.sink(missing, .errorIfExists).stage(TestData.stream(schema, [[.int32(3), .string("x")]]))
        await created.abort()
        #expect(try await admin.rows("SELECT to_regclass('\(missing)')::text") == [[.null]])
    }

    @Test func missingCredentialsNameTheVariablesToSet() async throws {
        let source = PostgresSource(request: TableReadRequest(relation: .table("t")), credentialPath: "nowhere/db",
                                    environment: [:])
        let error = await #expect(throws: SluiceError.self) { try await source.schema() }
        #expect(error?.message.contains("SLUICE_NOWHERE_DB_DATABASE") == true)
        #expect(error?.message.contains("SLUICE_NOWHERE_DB_USER") == true)
    }

    @Test func aServerThatIsNotListeningIsATransientError() async throws {
        var environment = TestServers.environment
        environment["SLUICE_PGTEST_PORT"] = "1"
        let source = PostgresSource(request: TableReadRequest(relation: .table("t")), credentialPath: TestServers.postgresPath,
                                    environment: environment)
        let error = await #expect(throws: SluiceError.self) { try await source.schema() }
        #expect(error?.isTransient == true, "\(String(describing: error))")
    }
}
