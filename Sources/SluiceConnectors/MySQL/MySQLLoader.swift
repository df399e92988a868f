import Foundation
import SluiceEngine
import SluiceSpec

/// Loads a dataset into a MySQL or MariaDB table (see `DatabaseSink`).
public typealias MySQLSink = DatabaseSink<MySQLLoader>

/// MySQL's side of `DatabaseSink`.
///
/// Rows go in multi-row prepared `INSERT`s of `batchSize` rows, every value a bound
/// parameter. A missing table is created under a hidden staging name and renamed into
/// place on commit (MySQL commits DDL at once, so a transaction could not undo a
/// `CREATE TABLE`). An existing table is loaded inside one transaction (`overwrite` deletes
/// the old rows first; `upsert` loads a temporary table, then replaces the rows whose merge
/// keys match); `commit` commits it, `abort` or any failure rolls it back. The target must
/// use a transactional engine (InnoDB, the default) for that rollback to restore it.
public enum MySQLLoader: DatabaseLoader {
    public static let system = "mysql"
    public static let defaultPort = MySQLConnection.defaultPort
    public static let dialect = SQLIdentifier.Dialect.mysql

    public static func stage(_ input: RecordBatchStream, into parts: [String], request: TableWriteRequest,
                             credentials: DatabaseCredentials, origin: ConfigOrigin?) async throws -> any StagedWrite {
        guard parts.count <= 2 else {
            throw SluiceError(.invalidValue, "'\(request.table)' has too many parts for a MySQL table name",
                              location: origin?.location, jsonPath: origin?.jsonPath, hint: "write `table` or `database.table`")
        }
        let names = input.schema.fields.map(\.name)
        let target = parts.map { SQLIdentifier.quote($0, .mysql) }.joined(separator: ".")
        let connection = try await MySQLConnection.connect(credentials, origin: origin)
        let action = "loading table \(request.table)"
        var createdStage: String?
        do {
            let exists = try await tableExists(parts, on: connection, action: action)
            if !exists {
                // Named after its target, so a leftover (a process killed mid-load) says where it came from.
                let stageName = "sluice_\(UUID().uuidString.prefix(8).lowercased())_\(parts[parts.count - 1].prefix(48))"
                let stage = (parts.dropLast() + [stageName])
                    .map { SQLIdentifier.quote($0, .mysql) }.joined(separator: ".")
                let columns = input.schema.fields.map { "\(SQLIdentifier.quote($0.name, .mysql)) \(MySQLTypes.columnType($0.type))" }
                try await connection.execute("CREATE TABLE \(stage) (\(columns.joined(separator: ", "))) ENGINE=InnoDB", action: action)
                createdStage = stage
                let rows = try await MySQLRowWriter(table: stage, columns: names, batchSize: request.batchSize, action: action)
                    .write(input, on: connection)
                return MySQLStagedTable(connection: connection, stage: stage, target: target, rowCount: rows, table: request.table)
            }
            switch request.mode {
            case .errorIfExists:
                throw request.tableExists(origin: origin)
            case .ignore:
                await connection.close()
                return SkippedWrite()
            case .append, .overwrite:
                try await connection.execute("START TRANSACTION", action: action)
                if case .overwrite = request.mode { try await connection.execute("DELETE FROM \(target)", action: action) }
                let rows = try await MySQLRowWriter(table: target, columns: names, batchSize: request.batchSize, action: action)
                    .write(input, on: connection)
                return MySQLTransaction(connection: connection, rowCount: rows, table: request.table)
            case .upsert(let keys):
                let temporary = SQLIdentifier.quote("sluice_upsert_\(UUID().uuidString.prefix(12).lowercased())", .mysql)
                try await connection.execute("CREATE TEMPORARY TABLE \(temporary) LIKE \(target)", action: action)
                try await connection.execute("START TRANSACTION", action: action)
                let rows = try await MySQLRowWriter(table: temporary, columns: names, batchSize: request.batchSize, action: action)
                    .write(input, on: connection)
                let matches = keys.map { "t.\(SQLIdentifier.quote($0, .mysql)) = s.\(SQLIdentifier.quote($0, .mysql))" }
                let list = names.map { SQLIdentifier.quote($0, .mysql) }.joined(separator: ", ")
                try await connection.execute("DELETE t FROM \(target) AS t JOIN \(temporary) AS s ON \(matches.joined(separator: " AND "))",
                                             action: action)
                try await connection.execute("INSERT INTO \(target) (\(list)) SELECT \(list) FROM \(temporary)", action: action)
                return MySQLTransaction(connection: connection, rowCount: rows, table: request.table)
            }
        } catch {
            try? await connection.execute("ROLLBACK", action: action)
            if let createdStage { try? await connection.execute("DROP TABLE IF EXISTS \(createdStage)", action: action) }
            await connection.close()
            throw error
        }
    }

    /// Whether the table exists (in the named database, or the connection's).
    private static func tableExists(_ parts: [String], on connection: MySQLConnection, action: String) async throws -> Bool {
        let schema: ScalarValue = parts.count == 2 ? .string(parts[0]) : .null
        let table = ScalarValue.string(parts[parts.count - 1])
        let countSchema = Schema([Field("count", .int64)])
        let sql = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?"
        let batch = try await connection.run { connection throws(SluiceError) -> RecordBatch? in
            let statement = try MySQLStatement.prepare(sql, on: connection, action: action)
            defer { statement.close() }
            try statement.execute([schema, table])
            return try MySQLResultReader(statement: statement, schema: countSchema).next(limit: 1)
        }
        return batch.map { $0.row(0)[0] != .int64(0) } ?? false
    }
}
