import Foundation
import PostgresNIO
import SluiceEngine
import SluiceSpec

/// Reads a PostgreSQL table or query as one dataset.
///
/// The columns and their types are learned from the catalog without reading a row. A
/// partitioned read runs one query per range of the partition column (see `PartitionRange`)
/// on its own connection, up to `maxConnections` at once; range bounds are sent as query
/// parameters. Rows stream in batches of `fetchSize` with back-pressure from the consumer.
/// Only the columns the plan needs are selected.
public struct PostgresSource: Source {
    public let request: TableReadRequest
    public let credentialPath: String
    public let origin: ConfigOrigin?
    private let environment: [String: String]?
    private let described = Cached<[DatabaseColumn]>()

    /// `environment` replaces the process environment when looking up the credentials (tests).
    public init(request: TableReadRequest, credentialPath: String, origin: ConfigOrigin? = nil,
                environment: [String: String]? = nil) {
        self.request = request
        self.credentialPath = credentialPath
        self.origin = origin
        self.environment = environment
    }

    public var summary: String {
        var text = "postgres \(request.summary) (credentials \(credentialPath))"
        if let partitioning = request.partitioning {
            text += " in \(request.ranges.count) ranges of \(partitioning.column)"
        }
        return text
    }

    public func schema() async throws -> Schema {
        Schema(try await columns().map(\.field))
    }

    public func scan() async throws -> RecordBatchStream {
        try await scan(columns: nil)
    }

    public func scan(columns wanted: Set<String>?) async throws -> RecordBatchStream {
        let all = try await columns()
        var chosen = wanted.map { names in all.filter { names.contains($0.field.name.lowercased()) } } ?? all
        // A plan that needs no column still needs the row count: keep the first column.
        if chosen.isEmpty, let first = all.first { chosen = [first] }
        let credentials = try self.credentials()
        let ranges = request.ranges
        let base = try request.baseQuery(.postgres)
        let select = chosen.map(\.selectExpression).joined(separator: ", ")
        let partitionColumn = request.partitioning.map { SQLIdentifier.quote($0.column, .postgres) }
        let schema = Schema(chosen.map(\.field))
        let fetchSize = request.fetchSize
        let origin = self.origin
        let summary = request.summary
        return ParallelRangeReader.stream(schema: schema, rangeCount: ranges.count, concurrency: request.maxConnections) { index, send in
            let (condition, binds) = Self.condition(for: ranges[index], column: partitionColumn)
            let sql = "SELECT \(select) FROM (\(base)) AS sluice_source" + (condition.isEmpty ? "" : " WHERE \(condition)")
            let connection = try await PostgresConnector.connect(credentials, origin: origin)
            do {
                let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: PostgresConnector.logger)
                var decoder = PostgresBatchDecoder(schema: schema, capacity: fetchSize)
                var open = true
                for try await row in rows {
                    try decoder.append(row)
                    if decoder.count >= fetchSize {
                        open = await send(decoder.finish())
                        if !open { break }
                    }
                }
                if open, decoder.count > 0 { _ = await send(decoder.finish()) }
                try? await connection.close()
            } catch {
                try? await connection.close()
                throw PostgresConnector.sluiceError(error, action: "reading \(summary)", origin: origin)
            }
        }
    }

    /// The `WHERE` condition of one range, its bounds as parameters `$1`, `$2`.
    static func condition(for range: PartitionRange, column: String?) -> (String, PostgresBindings) {
        var binds = PostgresBindings()
        guard let column else { return ("", binds) }
        let (sql, bounds) = range.condition(column: column) { "$\($0)" }
        for bound in bounds { binds.append(bound) }
        return (sql, binds)
    }

    private func credentials() throws(SluiceError) -> DatabaseCredentials {
        try DatabaseCredentials.resolve(credentialPath: credentialPath, defaultPort: PostgresConnector.defaultPort,
                                        environment: environment ?? ProcessInfo.processInfo.environment, origin: origin)
    }

    /// The columns, learned once: a temporary view over the relation is described from the
    /// catalog, inside a transaction that is rolled back, so nothing is left on the server.
    private func columns() async throws -> [DatabaseColumn] {
        try await described.value {
            let connection = try await PostgresConnector.connect(try credentials(), origin: origin)
            do {
                let columns = try await describe(on: connection)
                try? await connection.close()
                return columns
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }

    private func describe(on connection: PostgresConnection) async throws -> [DatabaseColumn] {
        let action = "describing \(request.summary)"
        let view = "sluice_probe_\(UUID().uuidString.prefix(8).lowercased())"
        try await PostgresConnector.execute("BEGIN", on: connection, action: action, origin: origin)
        try await PostgresConnector.execute("CREATE TEMPORARY VIEW \(view) AS \(try request.baseQuery(.postgres))", on: connection,
                                            action: action, origin: origin)
        var binds = PostgresBindings()
        binds.append("pg_temp.\(view)")
        let rows = try await PostgresConnector.rows("""
            SELECT a.attname::text, b.oid::int8, b.typname::text, b.typtype::text, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
            WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, on: connection, action: action, origin: origin, binds: binds)
        try await PostgresConnector.execute("ROLLBACK", on: connection, action: action, origin: origin)
        return try rows.map { row in
            let (name, oid, typeName, typeKind, sqlType) = try row.decode((String, Int64, String, String, String).self)
            guard let (type, cast) = PostgresTypes.mapping(oid: oid, typeName: typeName, typeKind: typeKind) else {
                throw PostgresTypes.unsupported(column: name, sqlType: sqlType, origin: origin)
            }
            let quoted = SQLIdentifier.quote(name, .postgres)
            return DatabaseColumn(field: Field(name, type), sqlType: sqlType,
                                  selectExpression: cast.map { "\(quoted)::\($0) AS \(quoted)" } ?? quoted)
        }
    }
}
