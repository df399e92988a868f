import Foundation
import SluiceConnectors
import SluiceEngine
import SluiceSpec
import Testing

/// What every database connector must do, run against each test server: round-trip every
/// type with nulls, empty and large inputs, read partitioned tables without gaps or
/// duplicates, honour every write mode, and leave the table as it was when a load fails
/// or is aborted.
@Suite struct DatabaseConformanceTests {
    @Test(arguments: TestedSystem.allCases)
    func everyTypeRoundTripsThroughANewTable(system: TestedSystem) async throws {
        let db = try await system.connect()
        defer { Task { await db.close() } }
        let table = TestServers.tableName("\(system)_roundtrip")
        let written = try await TestData.load(db.sink(table, .errorIfExists, batchSize: 3), TestData.allTypes, TestData.allTypeRows)
        #expect(written == 4)
        let source = db.source(.table(table))
        #expect(try await source.schema() == TestData.allTypes)
        #expect(TestData.sortedByID(try await TestData.rows(of: source)) == TestData.allTypeRows)
    }

    @Test(arguments: TestedSystem.allCases)
    func anEmptyDatasetCreatesAnEmptyTable(system: TestedSystem) async throws {
        let db = try await system.connect()
        defer { Task { await db.close() } }
        let table = TestServers.tableName("\(system)_empty")
        #expect(try await TestData.load(db.sink(table, .errorIfExists), TestData.allTypes, []) == 0)
        let source = db.source(.table(table))
        #expect(try await source.schema() == TestData.allTypes)
        #expect(try await TestData.rows(of: source).isEmpty)
    }

    @Test(arguments: TestedSystem.allCases)
    func aLargeDatasetRoundTripsInManyBatches(system: TestedSystem) async throws {
        let db = try await system.connect()
        defer { Task { await db.close() } }
        let table = TestServers.tableName("\(system)_large")
        let schema = Schema([Field("id", .int64), Field("label", .string)])
        let rows: [[ScalarValue]] = (0..<60_000).map { [.int64(Int64($0)), .string("label \($0)")] }
        #expect(try await TestData.load(db.sink(table, .overwrite, batchSize: 2_500), schema, rows, batchRows: 8_192) == 60_000)
        let read = try await TestData.rows(of: db.source(.table(table), fetchSize: 4_096))
        #expect(read.count == 60_000)
        #expect(TestData.sortedByID(read) == rows)
    }

    @Test(arguments: TestedSystem.allCases, [
        (lower: Int64(100), upper: Int64(500), partitions: 7),
        (lower: 1, upper: 1_000, partitions: 4),
        (lower: 0, upper: 3, partitions: 10),
        (lower: 400, upper: 400, partitions: 5),
        (lower: -5_000, upper: 5_000, partitions: 3),
    ])
    func partitionedReadsReturnEveryRowExactlyOnce(system: TestedSystem, bounds: (lower: Int64, upper: Int64, partitions: Int)) async throws {
        let db = try await system.connect()
        defer { Task { await db.close() } }
        let table = TestServers.tableName("\(system)_parts")
        try await db.execute("CREATE TABLE \(table) (id bigint, label varchar(20))")
        try await db.insertSequence(into: table, from: -20, to: 1020)
        try await db.execute("INSERT INTO \(table) VALUES (NULL, 'null a'), (NULL, 'null b'), (NULL, 'null c')")
        let partitioning = TableReadRequest.Partitioning(column: "id", lowerBound: bounds.lower, upperBound: bounds.upper,
                                                         numPartitions: bounds.partitions)
        let rows = try await TestData.rows(of: db.source(.table(table), partitioning: partitioning, fetchSize: 97))
        #expect(rows.count == 1_041 + 3)
        let ids = rows.compactMap { row -> Int64? in if case .int64(let id) = row[0] { id } else { nil } }
        #expect(ids.sorted() == Array(-20...1020))
        let nullLabels = rows.filter { $0[0] == .null }.map { "\($0[1])" }.sorted()
        #expect(nullLabels == ["null a", "null b", "null c"])
    }

    @Test(arguments: TestedSystem.allCases)
    func writeModesAppendOverwriteIgnoreErrorIfExistsAndUpsert(system: TestedSystem) async throws {
        let db = try await system.connect()
        defer { Task { await db.close() } }
        let table = TestServers.tableName("\(system)_modes")
        let schema = Schema([Field("id", .int32), Field("name", .string)])
        func contents() async throws -> [[ScalarValue]] {
            TestData.sortedByID(try await TestData.rows(of: db.source(.table(table))))
        }
        _ = try await TestData.load(db.sink(table, .errorIfExists), schema, [[.int32(1), .string("a")], [.int32(2), .string("b")]])
        _ = try await TestData.load(db.sink(table, .append), schema, [[.int32(3), .string("c")]])
        #expect(try await contents() == [[.int32(1), .string("a")], [.int32(2), .string("b")], [.int32(3), .string("c")]])

        let exists = await #expect(throws: SluiceError.self) {
            try await TestData.load(db.sink(table, .errorIfExists), schema, [[.int32(9), .string("z")]])
        }
        #expect(exists?.code == .outputExists)
        #expect(try await TestData.load(db.sink(table, .ignore), schema, [[.int32(9), .string("z")]]) == 0)
        #expect(try await contents().count == 3)

        _ = try await TestData.load(db.sink(table, .upsert(mergeKeys: ["id"])), schema,
                                    [[.int32(2), .string("B")], [.int32(4), .string("d")]])
        let upserted = try await contents()
        #expect(upserted == [[.int32(1), .string("a")], [.int32(2), .string("B")], [.int32(3), .string("c")],
                             [.int32(4), .string("d")]])

        _ = try await TestData.load(db.sink(table, .overwrite), schema, [[.int32(7), .string("g")]])
        #expect(try await contents() == [[.int32(7), .string("g")]])

        let badKey = await #expect(throws: SluiceError.self) {
            try await TestData.load(db.sink(table, .upsert(mergeKeys: ["nope"])), schema, [[.int32(8), .string("h")]])
        }
        #expect(badKey?.code == .unknownColumn)
    }

    @Test(arguments: TestedSystem.allCases)
    func aLoadFailingInTheMiddleLeavesTheTableAsItWas(system: TestedSystem) async throws {
        let db = try await system.connect()
        defer { Task { await db.close() } }
        let table = TestServers.tableName("\(system)_fail")
        try await db.execute("CREATE TABLE \(table) (id integer CHECK (id < 1000), name varchar(20))")
        try await db.execute("INSERT INTO \(table) VALUES (1, 'kept'), (2, 'kept too')")
        let schema = Schema([Field("id", .int32), Field("name", .string)])
        let kept: [[ScalarValue]] = [[.int32(1), .string("kept")], [.int32(2), .string("kept too")]]
        // Five full round trips of 10 rows go through before the row that breaks the constraint.
        let rows: [[ScalarValue]] = (10..<60).map { [.int32(Int32($0)), .string("new \($0)")] } + [[.int32(5000), .string("bad")]]
        for mode in [TableWriteRequest.Mode.append, .overwrite, .upsert(mergeKeys: ["id"])] {
            let error = await #expect(throws: SluiceError.self) {
                try await TestData.load(db.sink(table, mode, batchSize: 10), schema, rows, batchRows: 7)
            }
            #expect(error?.message.lowercased().contains("constraint") == true, "\(String(describing: error))")
            #expect(TestData.sortedByID(try await TestData.rows(of: db.source(.table(table)))) == kept, "after a failed \(mode.name)")
        }
        // A staged load that the run aborts (another step failed) leaves no trace either.
        for mode in [TableWriteRequest.Mode.append, .overwrite, .upsert(mergeKeys: ["id"])] {
            let staged = try await db.sink(table, mode).stage(TestData.stream(schema, [[.int32(3), .string("x")]]))
            await staged.abort()
            #expect(TestData.sortedByID(try await TestData.rows(of: db.source(.table(table)))) == kept, "after an aborted \(mode.name)")
        }
        // A new table whose input fails half-way, or whose run aborts, never appears, and neither does its staging table.
        let failed = TestServers.tableName("\(system)_never")
        let upstream = await #expect(throws: SluiceError.self) {
            _ = try await db.sink(failed, .errorIfExists, batchSize: 10).stage(TestData.failingStream(schema, rows, after: 4))
        }
        #expect(upstream?.message == "upstream failed")
        let aborted = TestServers.tableName("\(system)_never")
        await (try await db.sink(aborted, .errorIfExists).stage(TestData.stream(schema, rows))).abort()
        // Staging tables are named `sluice_<random>_<table>`: none is left either.
        #expect(try await db.tableCount(like: "%\(failed)") == 0)
        #expect(try await db.tableCount(like: "%\(aborted)") == 0)
    }

    /// A source of `relation` on `system` with one setting of the test environment changed.
    private func source(_ system: TestedSystem, _ relation: TableReadRequest.Relation, setting suffix: String, to value: String) -> any Source {
        var environment = TestServers.environment
        let path = system == .postgres ? TestServers.postgresPath : TestServers.mysqlPath
        environment[DatabaseCredentials.environmentPrefix(for: path) + suffix] = value
        let request = TableReadRequest(relation: relation)
        return system == .postgres
            ? PostgresSource(request: request, credentialPath: path, environment: environment)
            : MySQLSource(request: request, credentialPath: path, environment: environment)
    }

    @Test(arguments: TestedSystem.allCases)
    func aServerThatIsNotListeningIsATransientError(system: TestedSystem) async throws {
        let error = await #expect(throws: SluiceError.self) {
            try await source(system, .table("t"), setting: "PORT", to: "1").schema()
        }
        #expect(error?.isTransient == true, "\(String(describing: error))")
    }

    @Test(arguments: TestedSystem.allCases)
    func connectionsAreEncryptedAsSSLModeSays(system: TestedSystem) async throws {
        let db = try await system.connect()  // fails clearly when the server is not running
        await db.close()
        let query: TableReadRequest.Relation = system == .postgres
            ? .query("SELECT ssl::text AS encrypted FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            : .query("SELECT CAST(VARIABLE_VALUE <> '' AS CHAR) AS encrypted FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'Ssl_cipher'")
        let yes: ScalarValue = system == .postgres ? .string("true") : .string("1")
        let no: ScalarValue = system == .postgres ? .string("false") : .string("0")
        for (mode, encrypted) in [("require", yes), ("prefer", yes), ("disable", no)] {
            let rows = try await TestData.rows(of: source(system, query, setting: "SSLMODE", to: mode))
            #expect(rows == [[encrypted]], "SSLMODE=\(mode)")
        }
        // The test servers' certificates are self-signed: checking them must fail, and say so.
        let untrusted = await #expect(throws: SluiceError.self) {
            try await source(system, query, setting: "SSLMODE", to: "verify-full").schema()
        }
        #expect(untrusted?.code == .tlsFailed, "\(String(describing: untrusted))")
        let typo = await #expect(throws: SluiceError.self) { try await source(system, query, setting: "SSLMODE", to: "on").schema() }
        #expect(typo?.message.contains("SSLMODE must be one of") == true)
    }

    @Test(arguments: TestedSystem.allCases)
    func oddTableAndColumnNamesAreQuotedEverywhere(system: TestedSystem) async throws {
        let db = try await system.connect()
        defer { Task { await db.close() } }
        let schemaName = TestServers.tableName("Sales Data")
        let database = system == .mysql ? "sluice_test" : schemaName
        if system == .postgres { try await db.execute("CREATE SCHEMA \"\(schemaName)\"") }
        let table = "\(database).\(TestServers.tableName("Order Lines"))"
        let schema = Schema([Field("select", .int64), Field("Mixed Case", .string), Field("ünï; DROP", .float64)])
        let rows: [[ScalarValue]] = (1...30).map { [.int64(Int64($0)), .string("v\($0)"), .float64(Double($0) / 4)] }
        _ = try await TestData.load(db.sink(table, .errorIfExists), schema, rows)
        _ = try await TestData.load(db.sink(table, .upsert(mergeKeys: ["select"])), schema, [[.int64(3), .string("new"), .null]])
        let partitioning = TableReadRequest.Partitioning(column: "select", lowerBound: 1, upperBound: 30, numPartitions: 4)
        let read = TestData.sortedByID(try await TestData.rows(of: db.source(.table(table), partitioning: partitioning)))
        var expected = rows
        expected[2] = [.int64(3), .string("new"), .null]
        #expect(read == expected)
    }

    @Test(arguments: TestedSystem.allCases)
    func aMissingTableAndABadQueryAreClearErrors(system: TestedSystem) async throws {
        let db = try await system.connect()
        defer { Task { await db.close() } }
        let missing = await #expect(throws: SluiceError.self) { try await db.source(.table("no_such_table_here")).schema() }
        #expect(missing?.code == .inputNotFound, "\(String(describing: missing))")
        #expect(missing?.message.contains("no_such_table_here") == true)
        let bad = await #expect(throws: SluiceError.self) { try await db.source(.query("SELEC 1")).schema() }
        #expect(bad?.code == .invalidValue, "\(String(describing: bad))")
    }

    @Test(arguments: TestedSystem.allCases)
    func dateAndTimestampColumnsPartitionLikeNumbers(system: TestedSystem) async throws {
        let db = try await system.connect()
        defer { Task { await db.close() } }
        let table = TestServers.tableName("\(system)_dated")
        let schema = Schema([Field("id", .int32), Field("day", .date), Field("at", .timestamp)])
        let firstDay = Temporal.days(year: 2024, month: 12, day: 1)
        var rows: [[ScalarValue]] = (0..<200).map { index in
            let day = Int32(firstDay + index)
            return [.int32(Int32(index)), .date(day), .timestamp(Int64(day) * 86_400_000_000 + Int64(index) * 1_000_001)]
        }
        rows.append([.int32(1_000), .null, .null])
        _ = try await TestData.load(db.sink(table, .errorIfExists), schema, rows, batchRows: 50)
        let byDay = TableReadRequest.Partitioning(
            column: "day", lowerBound: Int64(Temporal.days(year: 2025, month: 1, day: 1)),
            upperBound: Int64(Temporal.days(year: 2025, month: 3, day: 1)), numPartitions: 6, boundType: .date)
        #expect(TestData.sortedByID(try await TestData.rows(of: db.source(.table(table), partitioning: byDay))) == rows)
        let start = Int64(Temporal.days(year: 2025, month: 2, day: 1)) * 86_400_000_000
        let byTime = TableReadRequest.Partitioning(column: "at", lowerBound: start, upperBound: start + 20 * 86_400_000_000,
                                                   numPartitions: 5, boundType: .timestamp)
        #expect(TestData.sortedByID(try await TestData.rows(of: db.source(.table(table), partitioning: byTime))) == rows)
        let unknown = TableReadRequest.Partitioning(column: "nope", lowerBound: 0, upperBound: 9, numPartitions: 2)
        let error = await #expect(throws: SluiceError.self) { try await db.source(.table(table), partitioning: unknown).scan() }
        #expect(error?.code == .unknownColumn)
    }

    @Test(arguments: TestedSystem.allCases)
    func filtersAreSentToTheServerAndLoseNoRow(system: TestedSystem) async throws {
        let db = try await system.connect()
        defer { Task { await db.close() } }
        let table = TestServers.tableName("\(system)_pushdown")
        let schema = Schema([Field("id", .int64), Field("label", .string), Field("day", .date), Field("at", .timestamp),
                             Field("ratio", .float64)])
        let firstDay = Temporal.days(year: 2025, month: 1, day: 1)
        var rows: [[ScalarValue]] = (0..<500).map { index in
            let day = Int32(firstDay + index % 50)
            return [.int64(Int64(index)), .string("label \(index % 7)"), .date(day),
                    .timestamp(Int64(day) * 86_400_000_000 + 3_600_000_000), .float64(Double(index) / 8)]
        }
        rows.append([.null, .null, .null, .null, .null])
        _ = try await TestData.load(db.sink(table, .errorIfExists, batchSize: 100), schema, rows, batchRows: 64)
        let source = db.source(.table(table), partitioning: .init(column: "id", lowerBound: 0, upperBound: 500, numPartitions: 3))
        func read(_ predicates: [ScanPredicate]) async throws -> [[ScalarValue]] {
            var read: [[ScalarValue]] = []
            for try await batch in try await source.scan(columns: nil, predicates: predicates) {
                for index in 0..<batch.rowCount { read.append(batch.row(index)) }
            }
            return TestData.sortedByID(read)
        }
        func expected(_ keep: ([ScalarValue]) -> Bool) -> [[ScalarValue]] { TestData.sortedByID(rows.filter(keep)) }

        let numbers = try await read([ScanPredicate(column: "ID", test: .greaterOrEqual(.int32(100))),
                                      ScanPredicate(column: "ratio", test: .less(.float64(20)))])
        #expect(numbers == expected { if case .int64(let id) = $0[0] { id >= 100 && id < 160 } else { false } })
        let labels = try await read([ScanPredicate(column: "label", test: .oneOf([.string("label 3"), .string("label 5")]))])
        #expect(labels == expected { $0[1] == .string("label 3") || $0[1] == .string("label 5") })
        let days = try await read([ScanPredicate(column: "day", test: .equal(.string("2025-01-10"))),
                                   ScanPredicate(column: "at", test: .greater(.date(Int32(firstDay + 5))))])
        #expect(days == expected { $0[2] == .date(Int32(firstDay + 9)) })
        #expect(days.count == 10)
        let nulls = try await read([ScanPredicate(column: "label", test: .isNull)])
        #expect(nulls.count == 1 && nulls[0][0] == .null)
        // Comparisons that are not sent (text ordering, which collations decide) leave every row to the plan's filter.
        #expect(try await read([ScanPredicate(column: "label", test: .greater(.string("label 5")))]).count == rows.count)
    }
}
