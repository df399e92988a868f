import Foundation
@testable import SluiceConnectors
import SluiceEngine
import SluiceSpec
import Testing

@Suite struct MySQLIntegrationTests {
    @Test func everyReadableTypeMapsToItsEngineTypeWithItsValues() async throws {
        let admin = try await MySQLAdmin.connect()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("my_types")
        try await admin.execute("""
            CREATE TABLE \(table) (f BOOLEAN, ti TINYINT, si SMALLINT, mi MEDIUMINT, i INT, ui INT UNSIGNED, b BIGINT,
              fl FLOAT, d DOUBLE, n DECIMAL(12,3), c CHAR(4), v VARCHAR(10), t TEXT, lt LONGTEXT, e ENUM('sad','happy'),
              st SET('x','y'), j JSON, y YEAR, dt DATE, ts DATETIME(6), tz TIMESTAMP(3) NULL)
            """)
        let long = String(repeating: "abc", count: 400)
        try await admin.execute("""
            INSERT INTO \(table) VALUES (TRUE, -128, -32768, 8388607, -2147483648, 4294967295, 9223372036854775807,
              1.5, 0.1, 12345.678, 'ab', 'var', 'tekst ü', '\(long)', 'happy', 'x,y', '{"a": [1, 2]}', 2024,
              '2024-02-29', '2024-02-29 23:59:59.999999', '2024-03-01 00:00:00.125')
            """)
        try await admin.execute("INSERT INTO \(table) (f) VALUES (NULL)")
        let source = admin.source(.table(table))
        let schema = try await source.schema()
        #expect(schema.fields.map(\.type) == [.boolean, .int32, .int32, .int32, .int32, .int64, .int64, .float64, .float64,
                                              .float64, .string, .string, .string, .string, .string, .string, .string,
                                              .int32, .date, .timestamp, .timestamp])
        let rows = try await TestData.rows(of: source)
        #expect(rows.count == 2)
        let leapDay = Int64(Temporal.days(year: 2024, month: 2, day: 29))
        let expected: [ScalarValue] = [
            .boolean(true), .int32(-128), .int32(-32768), .int32(8_388_607), .int32(.min), .int64(4_294_967_295),
            .int64(.max), .float64(1.5), .float64(0.1), .float64(12345.678), .string("ab"), .string("var"),
            .string("tekst ü"), .string(long), .string("happy"), .string("x,y"), .string("{\"a\": [1, 2]}"), .int32(2024),
            .date(Int32(leapDay)), .timestamp(leapDay * 86_400_000_000 + 86_399_999_999),
            .timestamp((leapDay + 1) * 86_400_000_000 + 125_000),
        ]
        #expect(rows[0] == expected)
        #expect(rows[1].allSatisfy { $0 == .null })
    }

    @Test func typesTheEngineCannotHoldAreErrorsNamingTheColumn() async throws {
        let admin = try await MySQLAdmin.connect()
        defer { Task { await admin.close() } }
        for (column, sqlType, name) in [("payload", "BLOB", "blob"), ("bits", "BIT(8)", "bit"), ("span", "TIME", "time"),
                                        ("raw", "VARBINARY(8)", "varbinary")] {
            let table = TestServers.tableName("my_unsupported")
            try await admin.execute("CREATE TABLE \(table) (id INT, \(column) \(sqlType))")
            let error = await #expect(throws: SluiceError.self) { try await admin.source(.table(table)).schema() }
            #expect(error?.code == .unsupported)
            #expect(error?.message.contains("'\(column)'") == true && error?.message.contains(name) == true, "\(String(describing: error))")
        }
    }

    @Test func everyTypeRoundTripsThroughANewTable() async throws {
        let admin = try await MySQLAdmin.connect()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("my_roundtrip")
        let written = try await TestData.load(admin.sink(table, .errorIfExists, batchSize: 3), TestData.allTypes, TestData.allTypeRows)
        #expect(written == 4)
        let source = admin.source(.table(table))
        #expect(try await source.schema() == TestData.allTypes)
        #expect(TestData.sortedByID(try await TestData.rows(of: source)) == TestData.allTypeRows)
    }

    @Test(arguments: [
        (lower: Int64(100), upper: Int64(500), partitions: 7),
        (lower: 0, upper: 3, partitions: 10),
        (lower: -5_000, upper: 5_000, partitions: 3),
    ])
    func partitionedReadsReturnEveryRowExactlyOnce(lower: Int64, upper: Int64, partitions: Int) async throws {
        let admin = try await MySQLAdmin.connect()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("my_parts")
        try await admin.execute("CREATE TABLE \(table) (id BIGINT, label VARCHAR(20))")
        try await admin.execute("SET SESSION max_recursive_iterations = 100000")
        try await admin.execute("""
            INSERT INTO \(table) WITH RECURSIVE g(n) AS (SELECT -20 UNION ALL SELECT n + 1 FROM g WHERE n < 1020)
            SELECT n, CONCAT('row ', n) FROM g
            """)
        try await admin.execute("INSERT INTO \(table) VALUES (NULL, 'null a'), (NULL, 'null b')")
        let source = admin.source(.table(table), partitioning: .init(column: "id", lowerBound: lower, upperBound: upper,
                                                                     numPartitions: partitions), fetchSize: 97)
        let rows = try await TestData.rows(of: source)
        #expect(rows.count == 1_041 + 2)
        let ids = rows.compactMap { row -> Int64? in if case .int64(let id) = row[0] { id } else { nil } }
        #expect(ids.sorted() == Array(-20...1020))
        #expect(rows.filter { $0[0] == .null }.count == 2)
    }

    @Test func writeModesAppendOverwriteIgnoreErrorIfExistsAndUpsert() async throws {
        let admin = try await MySQLAdmin.connect()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("my_modes")
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
        #expect(try await TestData.load(admin.sink(table, .ignore), schema, [[.int32(9), .string("z")]]) == 0)
        #expect(try await contents().count == 3)

        _ = try await TestData.load(admin.sink(table, .upsert(mergeKeys: ["id"])), schema,
                                    [[.int32(2), .string("B")], [.int32(4), .string("d")]])
        let upserted = try await contents()
        #expect(upserted == [[.int32(1), .string("a")], [.int32(2), .string("B")], [.int32(3), .string("c")],
                             [.int32(4), .string("d")]], "\(upserted)")

        _ = try await TestData.load(admin.sink(table, .overwrite), schema, [[.int32(7), .string("g")]])
        #expect(try await contents() == [[.int32(7), .string("g")]])
    }

    @Test func aLoadFailingInTheMiddleLeavesTheTableAsItWas() async throws {
        let admin = try await MySQLAdmin.connect()
        defer { Task { await admin.close() } }
        let table = TestServers.tableName("my_fail")
        try await admin.execute("CREATE TABLE \(table) (id INT CHECK (id < 1000), name VARCHAR(20)) ENGINE=InnoDB")
        try await admin.execute("INSERT INTO \(table) VALUES (1, 'kept'), (2, 'kept too')")
        let schema = Schema([Field("id", .int32), Field("name", .string)])
        let rows: [[ScalarValue]] = (10..<60).map { [.int32(Int32($0)), .string("new \($0)")] } + [[.int32(5000), .string("bad")]]
        for mode in [TableWriteRequest.Mode.append, .overwrite, .upsert(mergeKeys: ["id"])] {
            let error = await #expect(throws: SluiceError.self) {
                try await TestData.load(admin.sink(table, mode, batchSize: 10), schema, rows, batchRows: 7)
            }
            #expect(error?.message.contains("CONSTRAINT") == true, "\(String(describing: error))")
            #expect(try await admin.rows("SELECT id, name FROM \(table) ORDER BY id")
                    == [[.int32(1), .string("kept")], [.int32(2), .string("kept too")]], "after a failed \(mode.name)")
        }
        // A new table whose load fails, or whose run aborts, never appears.
        let missing = TestServers.tableName("my_never")
        let tooLong = [[ScalarValue.int32(1), .string("x")], [.int32(2), .null]]
        let created = try await admin.sink(missing, .errorIfExists).stage(TestData.stream(schema, tooLong))
        await created.abort()
        let tables = try await admin.rows("""
            SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()
              AND (table_name = '\(missing)' OR table_name LIKE 'sluice\\_stage\\_%')
            """)
        #expect(tables == [[.int64(0)]])
    }

    @Test func aServerThatIsNotListeningIsATransientError() async throws {
        var environment = TestServers.environment
        environment["SLUICE_MYSQLTEST_PORT"] = "1"
        let source = MySQLSource(request: TableReadRequest(relation: .table("t")), credentialPath: TestServers.mysqlPath,
                                 environment: environment)
        let error = await #expect(throws: SluiceError.self) { try await source.schema() }
        #expect(error?.isTransient == true, "\(String(describing: error))")
    }
}
