import Foundation
@testable import SluiceConnectors
import SluiceEngine
import SluiceSpec
import Testing

@Suite struct PostgresIntegrationTests {
    @Test func everyReadableTypeMapsToItsEngineTypeWithItsValues() async throws {
        let admin = try await DatabaseAdmin.postgres()
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
        let admin = try await DatabaseAdmin.postgres()
        defer { Task { await admin.close() } }
        for (column, sqlType) in [("payload", "bytea"), ("tags", "text[]"), ("span", "interval")] {
            let table = TestServers.tableName("pg_unsupported")
            try await admin.execute("CREATE TABLE \(table) (id int, \(column) \(sqlType))")
            let error = await #expect(throws: SluiceError.self) { try await admin.source(.table(table)).schema() }
            #expect(error?.code == .unsupported)
            #expect(error?.message.contains("'\(column)'") == true && error?.message.contains(sqlType) == true, "\(String(describing: error))")
        }
    }

    @Test func aQueryIsReadAndOnlyTheNeededColumnsAreFetched() async throws {
        let admin = try await DatabaseAdmin.postgres()
        defer { Task { await admin.close() } }
        let source = admin.source(.query("SELECT g AS id, g * 2 AS twice, 'x' || g AS name FROM generate_series(1, 10) g;"))
        let batches = try await source.scan(columns: ["twice"]).collect()
        #expect(batches.first?.schema.fields.map(\.name) == ["twice"])
        let values: [ScalarValue] = batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0)[0] } }
        let expected: [ScalarValue] = (1...10).map { ScalarValue.int32(Int32($0 * 2)) }
        #expect(values == expected)
    }

    @Test func missingCredentialsNameTheVariablesToSet() async throws {
        let source = PostgresSource(request: TableReadRequest(relation: .table("t")), credentialPath: "nowhere/db",
                                    environment: [:])
        let error = await #expect(throws: SluiceError.self) { try await source.schema() }
        #expect(error?.message.contains("SLUICE_NOWHERE_DB_DATABASE") == true)
        #expect(error?.message.contains("SLUICE_NOWHERE_DB_USER") == true)
    }
}
