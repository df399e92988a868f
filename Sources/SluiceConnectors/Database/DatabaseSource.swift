import Foundation
import SluiceEngine
import SluiceSpec

/// Reads a database table or query as one dataset (`PostgresSource`, `MySQLSource`).
///
/// The columns and their types are learned without reading a row. A partitioned read runs one
/// query per range of the partition column (see `PartitionRange`), its bounds sent as
/// parameters, each on its own connection, up to `maxConnections` at once; batches arrive in
/// the order the ranges produce them. Rows stream in batches of `fetchSize` with back-pressure
/// from the consumer. Only the columns the plan needs are selected.
public struct DatabaseSource<Reader: DatabaseReader>: Source {
    public let request: TableReadRequest
    public let endpoint: DatabaseEndpoint
    private let described = Cached<[DatabaseColumn]>()

    /// `environment` replaces the process environment when looking up the credentials (tests).
    public init(request: TableReadRequest, credentialPath: String, origin: ConfigOrigin? = nil,
                environment: [String: String]? = nil) {
        self.request = request
        endpoint = DatabaseEndpoint(credentialPath: credentialPath, origin: origin, environment: environment)
    }

    public var summary: String {
        var text = "\(Reader.system) \(request.summary) (credentials \(endpoint.credentialPath))"
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
        try await scan(columns: wanted, predicates: [])
    }

    /// Reads `wanted` columns (nil: all), sending the filter conditions the server can decide
    /// (`SQLPredicate`) in the `WHERE` clause; the plan's filter still checks every row.
    public func scan(columns wanted: Set<String>?, predicates: [ScanPredicate]) async throws -> RecordBatchStream {
        let all = try await columns()
        let base = try request.baseQuery(Reader.dialect)
        var chosen = wanted.map { names in all.filter { names.contains($0.field.name.lowercased()) } } ?? all
        // A plan that needs no column still needs the row count: keep the first column.
        if chosen.isEmpty, let first = all.first { chosen = [first] }
        let verbatim: Bool
        if case .query = request.relation, request.partitioning == nil, !Reader.nestedQueriesKeepOrder {
            verbatim = true
            chosen = all
        } else {
            verbatim = false
        }
        let pushed = verbatim ? [] : SQLPredicate.pushable(predicates, columns: all)
        let credentials = try endpoint.credentials(defaultPort: Reader.defaultPort)
        let ranges = request.ranges
        let select = chosen.map { $0.selectExpression(Reader.dialect) }.joined(separator: ", ")
        let partitioning = request.partitioning
        let partitionColumn = partitioning.map { SQLIdentifier.quote($0.column, Reader.dialect) }
        let boundSQLType = try partitionBoundSQLType(columns: all)
        let schema = Schema(chosen.map(\.field))
        let fetchSize = request.fetchSize
        let origin = endpoint.origin
        return ParallelRangeReader.stream(schema: schema, rangeCount: ranges.count, concurrency: request.maxConnections) { index, send in
            var conditions: [String] = []
            var values: [ScalarValue] = []
            if let partitionColumn, let partitioning {
                let (range, bounds) = ranges[index].condition(column: partitionColumn) {
                    Reader.placeholder($0, comparedWith: boundSQLType)
                }
                if !range.isEmpty { conditions.append("(\(range))") }
                values = bounds.map { partitioning.value(of: $0) }
            }
            for predicate in pushed {
                conditions.append(predicate.sql { value in
                    values.append(value)
                    let temporal = predicate.column.field.type == .date || predicate.column.field.type == .timestamp
                    return Reader.placeholder(values.count, comparedWith: temporal ? predicate.column.sqlType : nil)
                })
            }
            let sql = verbatim ? base
                : "SELECT \(select) FROM (\(base)) AS sluice_source"
                    + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            try await Reader.read(sql, bounds: values, schema: schema, fetchSize: fetchSize, credentials: credentials,
                                  origin: origin, send: send)
        }
    }

    /// The SQL type a date or timestamp bound is compared in: the partition column's own (nil
    /// for integer bounds); an error when the partition column is not among `columns`.
    private func partitionBoundSQLType(columns: [DatabaseColumn]) throws(SluiceError) -> String? {
        guard let partitioning = request.partitioning else { return nil }
        guard let column = columns.first(where: { $0.field.name.lowercased() == partitioning.column.lowercased() }) else {
            throw SluiceError(.unknownColumn, "partitionColumn '\(partitioning.column)' is not a column of \(request.summary)",
                              location: endpoint.origin?.location, jsonPath: endpoint.origin?.jsonPath,
                              hint: "columns: \(columns.map(\.field.name).joined(separator: ", "))")
        }
        return partitioning.boundType == .integer ? nil : column.sqlType
    }

    /// The columns, learned once per source.
    private func columns() async throws -> [DatabaseColumn] {
        try await described.value {
            try await Reader.describe(request.relation,
                                      credentials: try endpoint.credentials(defaultPort: Reader.defaultPort), origin: endpoint.origin)
        }
    }
}
