import Foundation
@testable import SluiceConnectors
import SluiceEngine
import SluiceSpec
import Testing

@Suite struct MySQLIntegrationTests {
    @Test func everyReadableTypeMapsToItsEngineTypeWithItsValues() async throws {
        let admin = try await DatabaseAdmin.mysql()
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
        #expect(schema.fields.map(\.type) == [.boolean, .int8, .int16, .int32, .int32, .int64, .int64, .float32, .float64,
                                              .decimal(precision: 12, scale: 3), .string, .string, .string, .string, .string, .string, .string,
                                              .int32, .date, .timestamp, .timestamp])
        let rows = try await TestData.rows(of: source)
        #expect(rows.count == 2)
        let leapDay = Int64(Temporal.days(year: 2024, month: 2, day: 29))
        let expected: [ScalarValue] = [
            .boolean(true), .int8(-128), .int16(-32768), .int32(8_388_607), .int32(.min), .int64(4_294_967_295),
            .int64(.max), .float32(1.5), .float64(0.1), .decimal(DecimalValue(unscaled: 12_345_678, scale: 3)), .string("ab"), .string("var"),
            .string("tekst ü"), .string(long), .string("happy"), .string("x,y"), .string("{\"a\": [1, 2]}"), .int32(2024),
            .date(Int32(leapDay)), .timestamp(leapDay * 86_400_000_000 + 86_399_999_999),
            .timestamp((leapDay + 1) * 86_400_000_000 + 125_000),
        ]
        #expect(rows[0] == expected)
        #expect(rows[1].allSatisfy { $0 == .null })
    }

    @Test func typesTheEngineCannotHoldAreErrorsNamingTheColumn() async throws {
        let admin = try await DatabaseAdmin.mysql()
        defer { Task { await admin.close() } }
        for (column, sqlType, name) in [("bits", "BIT(8)", "bit"), ("span", "TIME", "time")] {
            let table = TestServers.tableName("my_unsupported")
            try await admin.execute("CREATE TABLE \(table) (id INT, \(column) \(sqlType))")
            let error = await #expect(throws: SluiceError.self) { try await admin.source(.table(table)).schema() }
            #expect(error?.code == .unsupported)
            #expect(error?.message.contains("'\(column)'") == true && error?.message.contains(name) == true, "\(String(describing: error))")
        }
    }

    @Test func exactNumbersBinaryAndUnsignedSmallIntegersReadAndLoadExactly() async throws {
        let db = try await DatabaseAdmin.mysql()
        defer { Task { await db.close() } }
        let table = TestServers.tableName("my_exact")
        try await db.execute("""
            CREATE TABLE \(table) (id INT, price DECIMAL(38,10), small DECIMAL(5,2) UNSIGNED, ut TINYINT UNSIGNED,
              us SMALLINT UNSIGNED, bl BLOB, vb VARBINARY(8), bn BINARY(3))
            """)
        try await db.execute("""
            INSERT INTO \(table) VALUES (1, -1234567890123456789012345678.0123456789, 999.99, 255, 65535, x'00ff10', x'', x'616263'),
              (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            """)
        let source = db.source(.table(table))
        let schema = try await source.schema()
        #expect(schema.fields.map(\.type) == [.int32, .decimal(precision: 38, scale: 10), .decimal(precision: 5, scale: 2),
                                              .int16, .int32, .binary, .binary, .binary])
        let rows = try await TestData.rows(of: source)
        let price = DecimalValue(unscaled: Int128("-12345678901234567890123456780123456789")!, scale: 10)
        let expected: [[ScalarValue]] = [
            [.int32(1), .decimal(price), .decimal(DecimalValue(unscaled: 99_999, scale: 2)), .int16(255), .int32(65535),
             .binary([0, 0xFF, 0x10]), .binary([]), .binary(Array("abc".utf8))],
            [.int32(2), .null, .null, .null, .null, .null, .null, .null],
        ]
        #expect(TestData.sortedByID(rows) == expected)
        // And back: a table Sluice creates from the schema holds the same values.
        let copy = TestServers.tableName("my_exact_copy")
        _ = try await TestData.load(db.sink(copy, .overwrite), schema, expected)
        #expect(TestData.sortedByID(try await TestData.rows(of: db.source(.table(copy)))) == expected)
    }

    @Test func anUnsignedBigintReadsAsDecimalOverItsWholeRange() async throws {
        let db = try await DatabaseAdmin.mysql()
        defer { Task { await db.close() } }
        let table = TestServers.tableName("my_unsigned")
        try await db.execute("CREATE TABLE \(table) (id INT, big BIGINT UNSIGNED)")
        try await db.execute("INSERT INTO \(table) VALUES (1, 9223372036854775807), (2, 18446744073709551615), (3, 0), (4, NULL)")
        let source = db.source(.table(table))
        #expect(try await source.schema().fields.map(\.type) == [.int32, .decimal(precision: 20, scale: 0)])
        let values: [ScalarValue] = ["9223372036854775807", "18446744073709551615", "0"].map {
            ScalarValue.string($0).cast(to: .decimal(precision: 20, scale: 0))
        } + [.null]
        #expect(TestData.sortedByID(try await TestData.rows(of: source)) == zip(1...4, values).map { [.int32(Int32($0)), $1] })
    }
}
