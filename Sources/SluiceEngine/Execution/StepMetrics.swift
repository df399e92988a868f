import Foundation

/// Rows and time per pipeline step, gathered while a plan runs; safe to update from any task.
public final class StepMetrics: @unchecked Sendable {
    /// What one step did.
    public struct Entry: Sendable, Hashable {
        /// Rows the step received (for sources, 0).
        public var rowsIn = 0
        /// Rows the step produced (for sinks, the rows written).
        public var rowsOut = 0
        /// Time spent pulling this step's batches, its inputs' time included.
        public var nanoseconds: UInt64 = 0
        /// How many times the step's output was read (a dataset feeding two loads is read twice).
        public var scans = 0

        /// Rows the step produced per read of its output.
        public var rowsPerScan: Int { scans > 1 ? rowsOut / scans : rowsOut }
        public init() {}
    }

    private var entries: [Int: Entry] = [:]
    private let lock = NSLock()

    public init() {}

    /// Adds to the entry of step `stepIndex`.
    public func update(step stepIndex: Int, _ change: (inout Entry) -> Void) {
        lock.lock(); defer { lock.unlock() }
        change(&entries[stepIndex, default: Entry()])
    }

    /// The entry of step `stepIndex` (zero if it has not run).
    public func entry(step stepIndex: Int) -> Entry {
        lock.lock(); defer { lock.unlock() }
        return entries[stepIndex] ?? Entry()
    }
}
