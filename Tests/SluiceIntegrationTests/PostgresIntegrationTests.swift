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
        #expect(schema.fields.map(\.type) == [.int16, .int32, .int64, .float32, .float64, .decimal(precision: 12, scale: 3), .string, .string, .string,
                                              .string, .string, .string, .string, .int32, .date, .timestamp, .timestamp, .boolean])
        let rows = try await TestData.rows(of: source)
        #expect(rows.count == 2)
        let leapDay = Int64(Temporal.days(year: 2024, month: 2, day: 29))
        let expected: [ScalarValue] = [
            .int16(-32768), .int32(2_147_483_647), .int64(.min), .float32(1.5), .float64(0.1), .decimal(DecimalValue(unscaled: 12_345_678, scale: 3)),
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
        for (column, sqlType) in [("span", "interval"), ("spans", "interval[]")] {
            let table = TestServers.tableName("pg_unsupported")
            try await admin.execute("CREATE TABLE \(table) (id int, \(column) \(sqlType))")
            let error = await #expect(throws: SluiceError.self) { try await admin.source(.table(table)).schema() }
            #expect(error?.code == .unsupported)
            #expect(error?.message.contains("'\(column)'") == true && error?.message.contains(sqlType) == true, "\(String(describing: error))")
        }
    }

    @Test func exactNumbersBinaryAndArraysReadAndLoadExactly() async throws {
        let admin = try await DatabaseAdmin.postgres()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("pg_exact")
        try await admin.execute("""
            CREATE TABLE \(table) (id int, big numeric(38,10), free numeric, tiny numeric(3,1), raw bytea,
              ints integer[], words text[], ids uuid[], amounts numeric(6,2)[])
            """)
        try await admin.execute("""
            INSERT INTO \(table) VALUES
              (1, -1234567890123456789012345678.0123456789, 0.000000000000000001, -99.9, '\\x00ff10',
               '{1,NULL,-3}', '{"a b","c\\"d",NULL,""}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{1.50,-0.01}'),
              (2, 0, 123456789.123456789, 0, '\\x', '{}', '{}', '{}', '{}'),
              (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            """)
        let source = admin.source(.table(table))
        let schema = try await source.schema()
        #expect(schema.fields.map(\.type) == [.int32, .decimal(precision: 38, scale: 10), .decimal(precision: 38, scale: 18),
                                              .decimal(precision: 3, scale: 1), .binary, .array(.int32), .array(.string),
                                              .array(.string), .array(.decimal(precision: 6, scale: 2))])
        func decimal(_ text: String, _ precision: Int, _ scale: Int) -> ScalarValue {
            ScalarValue.string(text).cast(to: .decimal(precision: precision, scale: scale))
        }
        let expected: [[ScalarValue]] = [
            [.int32(1), decimal("-1234567890123456789012345678.0123456789", 38, 10), decimal("0.000000000000000001", 38, 18),
             decimal("-99.9", 3, 1), .binary([0, 0xFF, 0x10]), .array([.int32(1), .null, .int32(-3)]),
             .array([.string("a b"), .string("c\"d"), .null, .string("")]), .array([.string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")]),
             .array([decimal("1.50", 6, 2), decimal("-0.01", 6, 2)])],
            [.int32(2), decimal("0", 38, 10), decimal("123456789.123456789", 38, 18), decimal("0", 3, 1), .binary([]),
             .array([]), .array([]), .array([]), .array([])],
            [.int32(3), .null, .null, .null, .null, .null, .null, .null, .null],
        ]
        #expect(TestData.sortedByID(try await TestData.rows(of: source)) == expected)
        // Loaded into a table Sluice creates (numeric(p,s), bytea, arrays), the values come back the same.
        let copy = TestServers.tableName("pg_exact_copy")
        _ = try await TestData.load(admin.sink(copy, .overwrite), schema, expected)
        #expect(TestData.sortedByID(try await TestData.rows(of: admin.source(.table(copy)))) == expected)
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

    @Test func manyRowsOfEveryTypeArriveInFullBatchesWithTheirNulls() async throws {
        let admin = try await DatabaseAdmin.postgres()
        defer { Task { await admin.close() } }
        let source = admin.source(.query("""
            SELECT g AS id, CASE WHEN g % 3 = 0 THEN NULL ELSE g % 2 = 0 END AS even, (g % 100)::smallint AS small,
              g::float8 / 8 AS eighth, CASE WHEN g % 5 = 0 THEN NULL ELSE repeat('é', g % 7) END AS text,
              DATE '2024-01-01' + g AS day, TIMESTAMP '2024-01-01' + g * INTERVAL '1 millisecond' AS at
            FROM generate_series(1, 25000) g
            """), fetchSize: 1_000)
        let batches = try await source.scan().collect()
        #expect(batches.map(\.rowCount) == Array(repeating: 1_000, count: 25))
        let rows = batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
        let day = Int32(Temporal.days(year: 2024, month: 1, day: 1))
        for g in [1, 2, 3, 5, 9_999, 25_000] {
            let expected: [ScalarValue] = [
                .int32(Int32(g)), g % 3 == 0 ? .null : .boolean(g % 2 == 0), .int16(Int16(g % 100)), .float64(Double(g) / 8),
                g % 5 == 0 ? .null : .string(String(repeating: "é", count: g % 7)), .date(day + Int32(g)),
                .timestamp(Int64(day) * 86_400_000_000 + Int64(g) * 1_000),
            ]
            #expect(rows[g - 1] == expected, "row \(g)")
        }
    }

    @Test func anErrorAfterTheFirstRowsFailsTheReadWithTheServersMessage() async throws {
        let admin = try await DatabaseAdmin.postgres()
        defer { Task { await admin.close() } }
        let source = admin.source(.query("SELECT g, 1 / (g - 20000) AS x FROM generate_series(1, 30000) g"), fetchSize: 500)
        let error = await #expect(throws: SluiceError.self) { try await source.scan().collect() }
        #expect(error?.code == .malformedData)
        #expect(error?.message.contains("22012") == true && error?.message.contains("division by zero") == true,
                "\(String(describing: error))")
    }

    @Test(.timeLimit(.minutes(1)))
    func aConnectionLostInTheMiddleOfTheRowsIsATransientError() async throws {
        let admin = try await DatabaseAdmin.postgres()
        defer { Task { await admin.close() } }
        // The server process ends itself after sending 5000 rows.
        let source = admin.source(.query("""
            SELECT g, CASE WHEN g = 5000 THEN pg_terminate_backend(pg_backend_pid()) END AS ended FROM generate_series(1, 10000) g
            """), fetchSize: 100)
        let error = await #expect(throws: SluiceError.self) { try await source.scan().collect() }
        #expect(error?.code == .connectionReset, "\(String(describing: error))")
    }

    @Test func anInfiniteTimestampIsAnErrorNamingTheColumn() async throws {
        let admin = try await DatabaseAdmin.postgres()
        defer { Task { await admin.close() } }
        let source = admin.source(.query("SELECT 'infinity'::timestamp AS until"))
        let error = await #expect(throws: SluiceError.self) { try await source.scan().collect() }
        #expect(error?.message.contains("'until'") == true && error?.message.contains("infinity") == true, "\(String(describing: error))")
    }

    @Test func aConsumerThatStopsEarlyLeavesNoReadBehind() async throws {
        let admin = try await DatabaseAdmin.postgres()
        defer { Task { await admin.close() } }
        let partitioning = TableReadRequest.Partitioning(column: "g", lowerBound: 1, upperBound: 2_000_000, numPartitions: 4)
        let source = admin.source(.query("SELECT g FROM generate_series(1, 2000000) g"), partitioning: partitioning, fetchSize: 100)
        for _ in 0..<3 {
            var batches = try await source.scan().makeAsyncIterator()
            let first = try await batches.next()
            #expect(first?.rowCount == 100)
        }
    }

    @Test func loadsSendBinaryToColumnsThatTakeItAndTextToColumnsThatConvert() async throws {
        let admin = try await DatabaseAdmin.postgres()
        defer { Task { await admin.close() } }
        let schema = Schema([Field("id", .int32), Field("name", .string), Field("at", .timestamp), Field("day", .date),
                             Field("ok", .boolean), Field("big", .int64), Field("ratio", .float64)])
        let day = Int32(Temporal.days(year: 2024, month: 2, day: 29))
        func row(_ id: Int) -> [ScalarValue] {
            let at = Int64(day) * 86_400_000_000 + Int64(id)
            let big: Int64 = id == 1 ? .min : Int64(id) << 40
            return [.int32(Int32(id)), .string("name \\ \t \(id) é"), .timestamp(at), .date(day - Int32(id)),
                    .boolean(id % 2 == 0), .int64(big), .float64(Double(id) / 4)]
        }
        let nulls: [ScalarValue] = [.int32(26)] + Array(repeating: .null, count: 6)
        let rows = (1...25).map(row) + [nulls]
        let exact = TestServers.tableName("pg_load_exact")
        try await admin.execute("""
            CREATE TABLE \(exact) (id integer, name varchar(20), at timestamp, day date, ok boolean, big bigint, ratio float8)
            """)
        let converting = TestServers.tableName("pg_load_converting")
        try await admin.execute("""
            CREATE TABLE \(converting) (id bigint, name text, at timestamptz, day date, ok boolean, big numeric, ratio real)
            """)
        let created = TestServers.tableName("pg_load_created")
        for table in [exact, converting, created] {
            #expect(try await TestData.load(admin.sink(table, .append, batchSize: 7), schema, rows, batchRows: 5) == 26)
            let read = try await admin.rows("""
                SELECT id::int4, name::text, at::timestamptz, day, ok, big::int8, ratio::float8 FROM \(table) ORDER BY id
                """)
            #expect(read == rows, "\(table)")
        }
    }

    @Test func missingCredentialsNameTheVariablesToSet() async throws {
        let source = PostgresSource(request: TableReadRequest(relation: .table("t")), credentialPath: "nowhere/db",
                                    environment: [:])
        let error = await #expect(throws: SluiceError.self) { try await source.schema() }
        #expect(error?.message.contains("SLUICE_NOWHERE_DB_DATABASE") == true)
        #expect(error?.message.contains("SLUICE_NOWHERE_DB_USER") == true)
    }
}
