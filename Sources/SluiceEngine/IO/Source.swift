/// Where a dataset comes from: a file set, a table, a topic.
///
/// A source describes its data before reading it (`schema()`), so plans can be checked and
/// explained without touching the data, and it streams batches on demand (`scan()`).
public protocol Source: Sendable {
    /// One line for plans and logs (`csv examples/data/orders.csv`).
    var summary: String { get }
    /// The schema every batch of `scan()` will have.
    func schema() async throws -> Schema
    /// The data, as a pull-based stream; errors in the data are thrown from the stream.
    func scan() async throws -> RecordBatchStream
    /// The data with at least `columns` (lower-cased names; nil for all). A source that can
    /// skip reading the other columns does; the default reads everything.
    func scan(columns: Set<String>?) async throws -> RecordBatchStream
    /// The data with at least `columns`, where the source may leave out rows that cannot
    /// satisfy `predicates` (whole files or row groups; the plan still filters what comes).
    func scan(columns: Set<String>?, predicates: [ScanPredicate]) async throws -> RecordBatchStream
}

extension Source {
    public func scan(columns: Set<String>?) async throws -> RecordBatchStream {
        try await scan()
    }

    public func scan(columns: Set<String>?, predicates: [ScanPredicate]) async throws -> RecordBatchStream {
        try await scan(columns: columns)
    }
}
