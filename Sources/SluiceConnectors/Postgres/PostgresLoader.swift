import Foundation
import PostgresNIO
import SluiceEngine
import SluiceSpec

/// Loads a dataset into a PostgreSQL table (see `DatabaseSink`).
public typealias PostgresSink = DatabaseSink<PostgresLoader>

/// PostgreSQL's side of `DatabaseSink`: one transaction that commits with the run.
///
/// `stage` opens a transaction, creates the table from the dataset's schema when it is
/// missing, applies the mode (`overwrite` deletes the old rows, `upsert` loads into a
/// temporary table and then replaces the rows whose merge keys match), and streams the rows
/// with `COPY ... FROM STDIN`, `batchSize` rows per message: in the binary format when every
/// column of the table takes its field's (`PostgresCopyIn`), as text otherwise. `commit`
/// commits; `abort` or any failure rolls back, leaving the table as it was, created or not.
/// Readers see the old rows until the commit.
public enum PostgresLoader: DatabaseLoader {
    public static let system = "postgres"
    public static let defaultPort = PostgresConnector.defaultPort
    public static let dialect = SQLIdentifier.Dialect.postgres

    public static func stage(_ input: RecordBatchStream, into parts: [String], request: TableWriteRequest,
                             credentials: DatabaseCredentials, origin: ConfigOrigin?) async throws -> any StagedWrite {
        let names = input.schema.fields.map(\.name)
        // postgres-nio quotes COPY's names without escaping: a quote in a name cannot be sent safely.
        if let bad = (parts + names).first(where: { $0.contains("\"") }) {
            throw SluiceError(.unsupported, "the name '\(bad)' holds a double quote, which the PostgreSQL loader cannot send",
                              location: origin?.location, jsonPath: origin?.jsonPath, hint: "rename it first (renameColumns)")
        }
        let target = parts.map { SQLIdentifier.quote($0, .postgres) }.joined(separator: ".")
        let (connection, channel) = try await PostgresConnector.open(credentials, origin: origin)
        let action = "loading table \(request.table)"
        func run(_ sql: String, on connection: PostgresConnection) async throws {
            try await PostgresConnector.execute(sql, on: connection, action: action, origin: origin)
        }
        do {
            try await run("BEGIN", on: connection)
            // Never wait forever for another transaction's lock (another load of the same table in
            // this very run would otherwise wait for a commit that cannot come): fail, transiently.
            try await run("SET LOCAL lock_timeout = '60s'", on: connection)
            var binds = PostgresBindings()
            binds.append(target)
            let exists = try await PostgresConnector.rows("SELECT to_regclass($1) IS NOT NULL", on: connection,
                                                          action: action, origin: origin, binds: binds)
                .first?.decode(Bool.self) ?? false
            // Binary COPY needs every field to have a binary encoding here, and every target
            // column to take it as is.
            var binary = input.schema.fields.allSatisfy { PostgresTypes.copiesInBinary($0.type) }
            if exists {
                let columnTypes = try await PostgresConnector.rows("""
                    SELECT attname::text, atttypid::int8 FROM pg_attribute
                    WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped
                    """, on: connection, action: action, origin: origin, binds: binds)
                let typeOIDs = try Dictionary(columnTypes.map { try $0.decode((String, Int64).self) }, uniquingKeysWith: { first, _ in first })
                binary = binary && input.schema.fields.allSatisfy { field in
                    typeOIDs[field.name].map { PostgresTypes.takesBinary(field.type, columnTypeOID: $0) } ?? false
                }
                switch request.mode {
                case .errorIfExists:
                    throw request.tableExists(origin: origin)
                case .ignore:
                    try await run("ROLLBACK", on: connection)
                    try? await connection.close()
                    return SkippedWrite()
                case .overwrite:
                    try await run("DELETE FROM \(target)", on: connection)
                case .append, .upsert:
                    break
                }
            } else {
                let columns = input.schema.fields.map {
                    "\(SQLIdentifier.quote($0.name, .postgres)) \(PostgresTypes.columnType($0.type))"
                }
                try await run("CREATE TABLE \(target) (\(columns.joined(separator: ", ")))", on: connection)
            }
            if parts.count > 1 {
                // COPY takes one bare name: find the table through the search path, for this transaction only.
                try await run("SET LOCAL search_path TO \(SQLIdentifier.quote(parts[parts.count - 2], .postgres))", on: connection)
            }
            var copyTable = parts[parts.count - 1]
            if case .upsert = request.mode, exists {
                copyTable = "sluice_stage_\(UUID().uuidString.prefix(8).lowercased())"
                try await run("CREATE TEMPORARY TABLE \(copyTable) (LIKE \(target) INCLUDING DEFAULTS) ON COMMIT DROP", on: connection)
            }
            let rows = binary
                ? try await PostgresCopyIn.binary(input, into: copyTable, columns: names, batchSize: request.batchSize, channel: channel)
                : try await copy(input, into: copyTable, columns: names, batchSize: request.batchSize, on: connection)
            if case .upsert(let keys) = request.mode, exists {
                let matches = keys.map { "t.\(SQLIdentifier.quote($0, .postgres)) = s.\(SQLIdentifier.quote($0, .postgres))" }
                let list = names.map { SQLIdentifier.quote($0, .postgres) }.joined(separator: ", ")
                try await run("DELETE FROM \(target) AS t USING \(copyTable) AS s WHERE \(matches.joined(separator: " AND "))", on: connection)
                try await run("INSERT INTO \(target) (\(list)) SELECT \(list) FROM \(copyTable)", on: connection)
            }
            return PostgresTransaction(connection: connection, rowCount: rows, table: request.table, origin: origin)
        } catch {
            try? await PostgresConnector.execute("ROLLBACK", on: connection, action: action, origin: origin)
            try? await connection.close()
            throw PostgresConnector.sluiceError(error, action: action, origin: origin)
        }
    }

    /// Streams every batch through one text COPY; returns the number of rows sent.
    private static func copy(_ input: RecordBatchStream, into table: String, columns: [String], batchSize: Int,
                             on connection: PostgresConnection) async throws -> Int {
        let counter = RowCounter()
        try await connection.copyFrom(table: table, columns: columns, logger: PostgresConnector.logger) { writer in
            for try await batch in input {
                var start = 0
                while start < batch.rowCount {
                    let end = min(start + batchSize, batch.rowCount)
                    var buffer = ByteBufferAllocator().buffer(capacity: (end - start) * 16 * max(1, batch.columns.count))
                    PostgresCopyEncoder.append(batch, rows: start..<end, to: &buffer)
                    try await writer.write(buffer)
                    counter.add(end - start)
                    start = end
                }
            }
        }
        return counter.value
    }
}

/// Counts rows from inside a `@Sendable` closure.
private final class RowCounter: @unchecked Sendable {
    private(set) var value = 0
    func add(_ count: Int) { value += count }
}
