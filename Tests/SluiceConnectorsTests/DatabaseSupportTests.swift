import SluiceConnectors
import SluiceSpec
import Testing

@Suite struct DatabaseSupportTests {
    /// Spark's JDBC source splits 1...1_000_000 in 20 this way; every stride is 49_999 or 50_000.
    @Test func rangesFollowSparksStrideAndCoverEverything() {
        let ranges = PartitionRange.ranges(lowerBound: 1, upperBound: 1_000_000, numPartitions: 20)
        #expect(ranges.count == 20)
        #expect(ranges.first == PartitionRange(lower: nil, upper: 50_001, includesNulls: true))
        #expect(ranges[1] == PartitionRange(lower: 50_001, upper: 100_001, includesNulls: false))
        #expect(ranges.last == PartitionRange(lower: 950_001, upper: nil, includesNulls: false))
        for (previous, next) in zip(ranges, ranges.dropFirst()) { #expect(previous.upper == next.lower) }
    }

    @Test func fewerRangesWhenTheBoundsAreCloseAndOneWhenTheyMeet() {
        #expect(PartitionRange.ranges(lowerBound: 0, upperBound: 3, numPartitions: 10).count == 3)
        #expect(PartitionRange.ranges(lowerBound: 5, upperBound: 5, numPartitions: 4)
                == [PartitionRange(lower: nil, upper: nil, includesNulls: true)])
        #expect(PartitionRange.ranges(lowerBound: .min, upperBound: .max, numPartitions: 4).count == 4)
    }

    @Test func conditionsUseParametersAndTheFirstRangeTakesTheNulls() {
        let ranges = PartitionRange.ranges(lowerBound: 0, upperBound: 30, numPartitions: 3)
        let conditions = ranges.map { $0.condition(column: "\"id\"") { "$\($0)" } }
        #expect(conditions[0].sql == "\"id\" < $1 OR \"id\" IS NULL")
        #expect(conditions[0].bounds == [10])
        #expect(conditions[1].sql == "\"id\" >= $1 AND \"id\" < $2")
        #expect(conditions[1].bounds == [10, 20])
        #expect(conditions[2].sql == "\"id\" >= $1")
        #expect(PartitionRange(lower: nil, upper: nil, includesNulls: true).condition(column: "x") { _ in "?" }.sql == "")
    }

    @Test func identifiersAreQuotedSoNoNameCanInjectSQL() throws {
        #expect(SQLIdentifier.quote("order", .postgres) == "\"order\"")
        #expect(SQLIdentifier.quote("a\"b", .postgres) == "\"a\"\"b\"")
        #expect(SQLIdentifier.quote("a`b", .mysql) == "`a``b`")
        #expect(try SQLIdentifier.table("sales.orders", .postgres) == "\"sales\".\"orders\"")
        #expect(try SQLIdentifier.table("\"my.schema\".\"Odd\"\"Name\"", .postgres) == "\"my.schema\".\"Odd\"\"Name\"")
        #expect(try SQLIdentifier.table("orders; DROP TABLE x", .mysql) == "`orders; DROP TABLE x`")
        #expect(throws: SluiceError.self) { try SQLIdentifier.parts(of: "a..b", .postgres) }
    }

    @Test func credentialsComeFromTheEnvironmentThenTheDotEnvFile() throws {
        #expect(DatabaseCredentials.environmentPrefix(for: "prod/warehouse-1") == "SLUICE_PROD_WAREHOUSE_1_")
        let dotEnv = DotEnvFile.parse("""
            # local settings
            export SLUICE_WAREHOUSE_USER="from file"
            SLUICE_WAREHOUSE_PASSWORD='s3cret = yes'
            SLUICE_WAREHOUSE_DATABASE=filedb
            """)
        let credentials = try DatabaseCredentials.resolve(
            credentialPath: "warehouse", defaultPort: 5432,
            environment: ["SLUICE_WAREHOUSE_DATABASE": "envdb", "SLUICE_WAREHOUSE_HOST": "db.internal"], dotEnv: dotEnv)
        #expect(credentials == DatabaseCredentials(host: "db.internal", port: 5432, database: "envdb", user: "from file",
                                                   password: "s3cret = yes"))
        #expect(!credentials.summary.contains("s3cret"))
        let badPort = #expect(throws: SluiceError.self) {
            try DatabaseCredentials.resolve(credentialPath: "w", defaultPort: 1,
                                            environment: ["SLUICE_W_DATABASE": "d", "SLUICE_W_USER": "u", "SLUICE_W_PORT": "x"],
                                            dotEnv: [:])
        }
        #expect(badPort?.message.contains("SLUICE_W_PORT") == true)
    }

    @Test func sqlStatesMapToRetryableAndPermanentCodes() {
        #expect(DatabaseErrors.code(forSQLState: "08006").kind == .transient)
        #expect(DatabaseErrors.code(forSQLState: "53300") == .connectionRefused)
        #expect(DatabaseErrors.code(forSQLState: "40P01").kind == .transient)
        #expect(DatabaseErrors.code(forSQLState: "55P03") == .timeout)
        #expect(DatabaseErrors.code(forSQLState: "42P01") == .inputNotFound)
        #expect(DatabaseErrors.code(forSQLState: "42601") == .invalidValue)
        #expect(DatabaseErrors.code(forSQLState: "22003") == .malformedData)
        #expect(DatabaseErrors.code(forSQLState: "23505") == .databaseError)
    }
}
