import CMariaDB
import SluiceEngine
import SluiceSpec

/// Reads a MySQL or MariaDB table or query (see `DatabaseSource`).
public typealias MySQLSource = DatabaseSource<MySQLReader>

/// MySQL's side of `DatabaseSource`, over libmariadb: columns come from preparing the query
/// (nothing runs); rows come through a prepared statement and a read-only server cursor,
/// `fetchSize` rows per round trip, so a slow consumer never holds the server's send buffer.
public enum MySQLReader: DatabaseReader {
    public static let system = "mysql"
    public static let defaultPort = MySQLConnection.defaultPort
    public static let dialect = SQLIdentifier.Dialect.mysql
    public static let nestedQueriesKeepOrder = false

    /// Dates and timestamps are bound as `MYSQL_TIME` values, which carry their type.
    public static func placeholder(_ position: Int, comparedWith sqlType: String?) -> String { "?" }

    public static func read(_ sql: String, bounds: [ScalarValue], schema: Schema, fetchSize: Int, credentials: DatabaseCredentials,
                            origin: ConfigOrigin?, send: ParallelRangeReader.Send) async throws {
        let connection = try await MySQLConnection.connect(credentials, origin: origin)
        let action = "reading from MySQL"
        do {
            let reader = try await connection.run { connection throws(SluiceError) -> MySQLResultReader in
                let statement = try MySQLStatement.prepare(sql, on: connection, action: action)
                statement.useCursor(prefetch: fetchSize)
                try statement.execute(bounds)
                return try MySQLResultReader(statement: statement, schema: schema)
            }
            while let batch = try await connection.run({ _ throws(SluiceError) in try reader.next(limit: fetchSize) }) {
                if !(await send(batch)) { break }
            }
            _ = try? await connection.run { _ in reader.close() }
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
    }

    public static func describe(_ relation: TableReadRequest.Relation, credentials: DatabaseCredentials,
                                origin: ConfigOrigin?) async throws -> [DatabaseColumn] {
        let sql = "SELECT * FROM (\(try TableReadRequest(relation: relation).baseQuery(.mysql))) AS sluice_source"
        let connection = try await MySQLConnection.connect(credentials, origin: origin)
        do {
            let columns = try await connection.run { connection throws(SluiceError) -> [DatabaseColumn] in
                let statement = try MySQLStatement.prepare(sql, on: connection, action: "describing the MySQL query")
                defer { statement.close() }
                return try statement.fields().map { field throws(SluiceError) -> DatabaseColumn in
                    let name = String(cString: field.name)
                    let sqlType = MySQLTypes.name(of: field)
                    guard let type = MySQLTypes.dataType(of: field) else {
                        throw MySQLTypes.unsupported(column: name, sqlType: sqlType, origin: origin)
                    }
                    // JSON may compare as a document rather than text; other text types compare as text.
                    return DatabaseColumn(field: Field(name, type), sqlType: sqlType, valueExpression: SQLIdentifier.quote(name, .mysql),
                                          comparesAsText: type == .string && ["char", "varchar", "text"].contains(sqlType))
                }
            }
            await connection.close()
            return columns
        } catch {
            await connection.close()
            throw error
        }
    }
}
