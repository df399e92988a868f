/// Where a dataset goes. Every sink writes in two phases so that a failed run leaves no
/// partial output visible: `stage` writes everything somewhere readers cannot see it,
/// then `commit` makes it visible at once (or `abort` throws it away).
public protocol Sink: Sendable {
    /// One line for plans and logs (`csv ./out/orders (overwrite)`).
    var summary: String { get }
    /// Writes every batch of `input` into a staging area invisible to readers.
    func stage(_ input: RecordBatchStream) async throws -> any StagedWrite
}

/// Output written but not yet visible; exactly one of `commit` or `abort` is called.
public protocol StagedWrite: Sendable {
    /// Rows written to the staging area.
    var rowCount: Int { get }
    /// Makes the output visible atomically.
    func commit() async throws
    /// Discards the staged output; never throws, because it runs while handling another failure.
    func abort() async
}
