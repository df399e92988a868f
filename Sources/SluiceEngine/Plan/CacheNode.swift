import Foundation

/// Keeps the batches of its input the first time they are read, so later readers (a second
/// load of the same dataset) replay them instead of recomputing: Spark's `cache()`.
/// The batches are held in memory.
public struct CacheNode: Sendable {
    public var input: LogicalPlan
    public var origin: PlanOrigin
    /// Shared by every reader of this node within a run.
    public let store: CacheStore

    public init(input: LogicalPlan, origin: PlanOrigin, store: CacheStore = CacheStore()) {
        self.input = input
        self.origin = origin
        self.store = store
    }
}

/// The batches a `CacheNode` kept; filled only by a read that reached the end of its input.
public final class CacheStore: @unchecked Sendable {
    private let lock = NSLock()
    private var batches: [RecordBatch]?

    public init() {}

    /// The cached batches, if a complete read filled the store.
    public var cached: [RecordBatch]? {
        lock.lock(); defer { lock.unlock() }
        return batches
    }

    /// Keeps the batches of a read that reached the end; an earlier complete read wins.
    public func fill(_ complete: [RecordBatch]) {
        lock.lock(); defer { lock.unlock() }
        if batches == nil { batches = complete }
    }
}
