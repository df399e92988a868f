import Foundation
import PostgresNIO
import SluiceEngine
import SluiceSpec

/// Reads a PostgreSQL table or query (see `DatabaseSource`).
public typealias PostgresSource = DatabaseSource<PostgresReader>

/// PostgreSQL's side of `DatabaseSource`, over postgres-nio: columns come from the catalog
/// (a temporary view over the query, in a transaction rolled back at once), rows in binary
/// format, each column cast to the one wire type its engine type is decoded from.
public enum PostgresReader: DatabaseReader {
    public static let system = "postgres"
    public static let defaultPort = PostgresConnector.defaultPort
    public static let dialect = SQLIdentifier.Dialect.postgres
    public static let nestedQueriesKeepOrder = true

    /// Dates and timestamps are sent as text and cast to the column's type, so a timestamp
    /// without time zone compares in UTC as it is read.
    public static func placeholder(_ position: Int, comparedWith sqlType: String?) -> String {
        sqlType.map { "CAST($\(position) AS \($0))" } ?? "$\(position)"
    }

    /// Streams the rows on the connection's channel (`PostgresRowStreamHandler`), decoded from
    /// the server's bytes into batches as they arrive.
    public static func read(_ sql: String, bounds: [ScalarValue], schema: Schema, fetchSize: Int, credentials: DatabaseCredentials,
                            origin: ConfigOrigin?, send: ParallelRangeReader.Send) async throws {
        let (connection, channel) = try await PostgresConnector.open(credentials, origin: origin)
        do {
            let handler = PostgresRowStreamHandler(sql: sql, parameters: bounds, schema: schema, batchSize: fetchSize,
                                                   eventLoop: channel.eventLoop)
            try await PostgresConnector.addProtocolHandler(handler, to: channel)
            for try await batch in handler.batches {
                guard await send(batch) else { break }
            }
            try? await connection.close()
        } catch {
            try? await connection.close()
            throw PostgresConnector.sluiceError(error, action: "reading from PostgreSQL", origin: origin)
        }
    }

    public static func describe(_ relation: TableReadRequest.Relation, credentials: DatabaseCredentials,
                                origin: ConfigOrigin?) async throws -> [DatabaseColumn] {
        let connection = try await PostgresConnector.connect(credentials, origin: origin)
        do {
            let columns = try await describe(relation, on: connection, origin: origin)
            try? await connection.close()
            return columns
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// A table is described from the catalog alone, so reading works on a read-only standby;
    /// a query through a temporary view over it, in a transaction rolled back at once.
    private static func describe(_ relation: TableReadRequest.Relation, on connection: PostgresConnection,
                                 origin: ConfigOrigin?) async throws -> [DatabaseColumn] {
        let action = "describing the PostgreSQL \(TableReadRequest(relation: relation).summary)"
        let relationName: String
        switch relation {
        case .table(let name):
            relationName = try SQLIdentifier.table(name, .postgres)
        case .query:
            let view = "sluice_probe_\(UUID().uuidString.prefix(8).lowercased())"
            relationName = "pg_temp.\(view)"
            try await PostgresConnector.execute("BEGIN", on: connection, action: action, origin: origin)
            try await PostgresConnector.execute("CREATE TEMPORARY VIEW \(view) AS \(try TableReadRequest(relation: relation).baseQuery(.postgres))",
                                                on: connection, action: action, origin: origin)
        }
        var binds = PostgresBindings()
        binds.append(relationName)
        let rows = try await PostgresConnector.rows("""
            SELECT a.attname::text, b.oid::int8, b.typname::text, b.typtype::text, format_type(a.atttypid, a.atttypmod),
              (CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)::int4,
              coalesce(e.oid, 0)::int8, coalesce(e.typname, '')::text, coalesce(e.typtype, '')::text
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
            LEFT JOIN pg_type e ON e.oid = b.typelem AND b.typcategory = 'A'
            WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, on: connection, action: action, origin: origin, binds: binds)
        if case .query = relation {
            try await PostgresConnector.execute("ROLLBACK", on: connection, action: action, origin: origin)
        }
        return try rows.map { row in
            let (name, oid, typeName, typeKind, sqlType, typmod, elementOID, elementName, elementKind)
                = try row.decode((String, Int64, String, String, String, Int32, Int64, String, String).self)
            let element = elementOID == 0 ? nil : (oid: elementOID, typeName: elementName, typeKind: elementKind)
            guard let (type, cast) = PostgresTypes.mapping(oid: oid, typeName: typeName, typeKind: typeKind, typmod: typmod, element: element) else {
                throw PostgresTypes.unsupported(column: name, sqlType: sqlType, origin: origin)
            }
            let quoted = SQLIdentifier.quote(name, .postgres)
            // Every string column is compared as the text the engine reads (`::text`).
            return DatabaseColumn(field: Field(name, type), sqlType: sqlType,
                                  valueExpression: cast.map { "\(quoted)::\($0)" } ?? quoted, comparesAsText: type == .string)
        }
    }
}
