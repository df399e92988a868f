import SluiceEngine
import SluiceSpec

/// What a database source needs from one system's client: how to learn a query's columns
/// and how to stream one query's rows. `DatabaseSource` does the rest (column choice,
/// partitioning, parallelism), the same for every system.
public protocol DatabaseReader: Sendable {
    /// The system's name in plans and logs (`postgres`).
    static var system: String { get }
    /// The port used when the credentials name none.
    static var defaultPort: Int { get }
    static var dialect: SQLIdentifier.Dialect { get }
    /// Whether a query nested as a derived table keeps its `ORDER BY` (MySQL drops it, so an
    /// unpartitioned query runs there as written).
    static var nestedQueriesKeepOrder: Bool { get }
    /// The marker of the n-th (1-based) query parameter (`$1`, `?`); a date or timestamp bound
    /// compared with a column of SQL type `sqlType` where the system needs to be told its type.
    static func placeholder(_ position: Int, comparedWith sqlType: String?) -> String
    /// The columns `relation` returns, without reading its rows; a type the engine cannot
    /// hold is an error naming the column.
    static func describe(_ relation: TableReadRequest.Relation, credentials: DatabaseCredentials,
                         origin: ConfigOrigin?) async throws -> [DatabaseColumn]
    /// Runs `sql` with `bounds` (range bounds and pushed-down literals) as its parameters on a new connection and sends its rows in
    /// batches of `fetchSize` rows of `schema`, stopping when `send` returns false.
    static func read(_ sql: String, bounds: [ScalarValue], schema: Schema, fetchSize: Int, credentials: DatabaseCredentials,
                     origin: ConfigOrigin?, send: ParallelRangeReader.Send) async throws
}
