import CMariaDB
import Foundation
import SluiceEngine
import SluiceSpec

/// Reads a MySQL or MariaDB table or query as one dataset.
///
/// The columns and their types come from preparing the query (nothing runs). A partitioned
/// read runs one prepared query per range of the partition column (bounds bound as
/// parameters) on its own connection, up to `maxConnections` at once. Each query reads
/// through a read-only server cursor, `fetchSize` rows per round trip. Only the columns the
/// plan needs are selected, except from an unpartitioned `query`, which runs as written so
/// its `ORDER BY` holds (MySQL ignores the order of a derived table).
public struct MySQLSource: Source {
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
        var text = "mysql \(request.summary) (credentials \(credentialPath))"
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
        // MySQL drops the ORDER BY of a derived table: an unpartitioned query runs as written.
        let verbatim: Bool
        if case .query = request.relation, request.partitioning == nil { verbatim = true } else { verbatim = false }
        if verbatim { chosen = all }
        let credentials = try self.credentials()
        let ranges = request.ranges
        let base = try request.baseQuery(.mysql)
        let select = chosen.map(\.selectExpression).joined(separator: ", ")
        let partitionColumn = request.partitioning.map { SQLIdentifier.quote($0.column, .mysql) }
        let schema = Schema(chosen.map(\.field))
        let fetchSize = request.fetchSize
        let origin = self.origin
        let action = "reading \(request.summary)"
        return ParallelRangeReader.stream(schema: schema, rangeCount: ranges.count, concurrency: request.maxConnections) { index, send in
            let (condition, bounds) = partitionColumn.map { ranges[index].condition(column: $0) { _ in "?" } } ?? ("", [])
            let sql = verbatim ? base
                : "SELECT \(select) FROM (\(base)) AS sluice_source" + (condition.isEmpty ? "" : " WHERE \(condition)")
            let connection = try await MySQLConnection.connect(credentials, origin: origin)
            do {
                let reader = try await connection.run { connection throws(SluiceError) -> MySQLResultReader in
                    let statement = try MySQLStatement.prepare(sql, on: connection, action: action)
                    statement.useCursor(prefetch: fetchSize)
                    try statement.execute(bounds.map { .int64($0) })
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
    }

    private func credentials() throws(SluiceError) -> DatabaseCredentials {
        try DatabaseCredentials.resolve(credentialPath: credentialPath, defaultPort: MySQLConnection.defaultPort,
                                        environment: environment ?? ProcessInfo.processInfo.environment, origin: origin)
    }

    /// The columns, learned once by preparing the query without running it.
    private func columns() async throws -> [DatabaseColumn] {
        try await described.value {
            let connection = try await MySQLConnection.connect(try credentials(), origin: origin)
            let sql = "SELECT * FROM (\(try request.baseQuery(.mysql))) AS sluice_source"
            let action = "describing \(request.summary)"
            let origin = self.origin
            defer { Task { await connection.close() } }
            return try await connection.run { connection throws(SluiceError) -> [DatabaseColumn] in
                let statement = try MySQLStatement.prepare(sql, on: connection, action: action)
                defer { statement.close() }
                return try statement.fields().map { field throws(SluiceError) -> DatabaseColumn in
                    let name = String(cString: field.name)
                    let sqlType = MySQLTypes.name(of: field)
                    guard let type = MySQLTypes.dataType(of: field) else {
                        throw MySQLTypes.unsupported(column: name, sqlType: sqlType, origin: origin)
                    }
                    return DatabaseColumn(field: Field(name, type), sqlType: sqlType,
                                          selectExpression: SQLIdentifier.quote(name, .mysql))
                }
            }
        }
    }
}
