import Foundation
import SluiceEngine
import SluiceSpec

/// Streams the row groups of one file in order, decoding up to `window` of them at once on
/// other cores; memory stays bounded by the window.
final class ParquetFileScan: @unchecked Sendable {
    private let reader: ParquetRowGroupReader
    private let groups: [Int]
    private let window: Int
    private var tasks: [Int: Task<[RecordBatch], any Error>] = [:]
    private var ready: [RecordBatch] = []
    private var next = 0

    init(reader: ParquetRowGroupReader, groups: [Int], window: Int = ProcessInfo.processInfo.activeProcessorCount + 1) {
        self.reader = reader
        self.groups = groups
        self.window = max(1, window)
    }

    deinit {
        for task in tasks.values { task.cancel() }
    }

    /// The next batch; called by one consumer at a time.
    func nextBatch() async throws -> RecordBatch? {
        while ready.isEmpty {
            guard next < groups.count else { return nil }
            for position in next..<min(groups.count, next + window) where tasks[position] == nil {
                let reader = self.reader
                let group = groups[position]
                tasks[position] = Task.detached { try reader.read(group: group) }
            }
            let task = tasks.removeValue(forKey: next)!
            next += 1
            ready = try await task.value
        }
        return ready.removeFirst()
    }
}
