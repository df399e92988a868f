/// What a database sink writes: the target table, what happens to the rows already there,
/// and how many rows go in one round trip.
public struct TableWriteRequest: Sendable, Hashable {
    /// What a load does with the target's existing rows.
    public enum Mode: Sendable, Hashable {
        /// Add the rows.
        case append
        /// Replace every row (the table and its definition stay).
        case overwrite
        /// Fail when the table exists.
        case errorIfExists
        /// Write nothing when the table exists.
        case ignore
        /// Replace the rows whose merge keys match an incoming row, add the others.
        case upsert(mergeKeys: [String])

        /// The mode's name as pipeline files write it.
        public var name: String {
            switch self {
            case .append: "append"
            case .overwrite: "overwrite"
            case .errorIfExists: "errorIfExists"
            case .ignore: "ignore"
            case .upsert: "upsert"
            }
        }
    }

    /// The table, optionally schema-qualified (`sales.orders`).
    public var table: String
    public var mode: Mode
    /// Rows sent per round trip (one COPY message, one INSERT statement).
    public var batchSize: Int

    public init(table: String, mode: Mode, batchSize: Int = 1_000) {
        self.table = table
        self.mode = mode
        self.batchSize = max(1, batchSize)
    }
}
