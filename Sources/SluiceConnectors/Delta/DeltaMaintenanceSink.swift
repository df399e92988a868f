import SluiceDelta
import SluiceEngine
import SluiceSpec

/// A maintenance step as a sink: it writes nothing while the run stages its outputs, and runs
/// OPTIMIZE or VACUUM on the table when the run commits (after the steps before it).
public struct DeltaMaintenanceSink: Sink {
    /// What to do to the table.
    public enum Operation: Sendable, Equatable {
        case optimize(zOrderBy: [String], targetFileBytes: Int)
        case vacuum(retentionHours: Double, force: Bool)
    }

    public let path: String
    public let operations: [Operation]

    public init(path: String, operations: [Operation]) {
        self.path = path
        self.operations = operations
    }

    public var summary: String { "delta \(path) (maintenance)" }

    public func stage(_ input: RecordBatchStream) async throws -> any StagedWrite {
        for try await _ in input {}
        return Pending(path: path, operations: operations)
    }

    private struct Pending: StagedWrite {
        let path: String
        let operations: [Operation]
        var rowCount: Int { 0 }

        func commit() async throws {
            for operation in operations {
                switch operation {
                case .optimize(let columns, let target):
                    _ = try await DeltaOptimize.run(table: path, targetFileBytes: target, zOrderBy: columns)
                case .vacuum(let hours, let force):
                    _ = try await DeltaVacuum.run(table: path, retentionHours: hours, force: force)
                }
            }
        }

        func abort() async {}
    }
}

/// A source of no rows, for steps that act without reading data.
public struct EmptySource: Source {
    public init() {}
    public var summary: String { "nothing" }
    public func schema() async throws -> Schema { .empty }
    public func scan() async throws -> RecordBatchStream { RecordBatchStream(schema: .empty, batches: []) }
}
