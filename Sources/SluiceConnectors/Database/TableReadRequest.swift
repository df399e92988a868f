import Foundation
import SluiceEngine
import SluiceSpec

/// What a database source reads: a table or a query, optionally split into ranges of a
/// numeric column read in parallel.
public struct TableReadRequest: Sendable, Hashable {
    /// A table (`orders`, `sales.orders`) or a `SELECT` query.
    public enum Relation: Sendable, Hashable {
        case table(String)
        case query(String)
    }

    /// How a read is split (Spark JDBC's `partitionColumn`, `lowerBound`, `upperBound`, `numPartitions`).
    public struct Partitioning: Sendable, Hashable {
        /// What the bounds are: numbers, or dates and timestamps counted in days and
        /// microseconds since 1970-01-01 (UTC), as Spark splits date and timestamp columns.
        public enum BoundType: Sendable, Hashable {
            case integer
            case date
            case timestamp
        }

        public var column: String
        public var lowerBound: Int64
        public var upperBound: Int64
        public var numPartitions: Int
        public var boundType: BoundType

        public init(column: String, lowerBound: Int64, upperBound: Int64, numPartitions: Int, boundType: BoundType = .integer) {
            self.column = column
            self.lowerBound = lowerBound
            self.upperBound = upperBound
            self.numPartitions = numPartitions
            self.boundType = boundType
        }

        /// A range bound as the value sent to the server.
        public func value(of bound: Int64) -> ScalarValue {
            switch boundType {
            case .integer: .int64(bound)
            case .date: .date(Int32(clamping: bound))
            case .timestamp: .timestamp(bound)
            }
        }

        /// The ranges read, one query each.
        public var ranges: [PartitionRange] {
            PartitionRange.ranges(lowerBound: lowerBound, upperBound: upperBound, numPartitions: numPartitions)
        }
    }

    public var relation: Relation
    public var partitioning: Partitioning?
    /// Rows fetched per round trip, and so per batch.
    public var fetchSize: Int
    /// Connections open at once (the pool's `maxPoolSize`): ranges beyond it wait their turn.
    public var maxConnections: Int

    public init(relation: Relation, partitioning: Partitioning? = nil, fetchSize: Int = 10_000, maxConnections: Int = 8) {
        self.relation = relation
        self.partitioning = partitioning
        self.fetchSize = max(1, fetchSize)
        self.maxConnections = max(1, maxConnections)
    }

    /// The ranges to read: one unbounded range when the read is not partitioned.
    public var ranges: [PartitionRange] {
        partitioning?.ranges ?? [PartitionRange(lower: nil, upper: nil, includesNulls: true)]
    }

    /// The `SELECT` the relation stands for: the query as written (trailing semicolons
    /// dropped, so it can be nested), or every column of the table, its name quoted.
    public func baseQuery(_ dialect: SQLIdentifier.Dialect) throws(SluiceError) -> String {
        switch relation {
        case .table(let name):
            return "SELECT * FROM \(try SQLIdentifier.table(name, dialect))"
        case .query(let sql):
            var text = sql.trimmingCharacters(in: .whitespacesAndNewlines)
            while text.hasSuffix(";") { text = String(text.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
            return text
        }
    }

    /// `table orders` or `query SELECT ...` (shortened), for plans and logs.
    public var summary: String {
        switch relation {
        case .table(let name): return "table \(name)"
        case .query(let sql):
            let line = sql.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "query " + (line.count > 60 ? String(line.prefix(57)) + "..." : line)
        }
    }
}
