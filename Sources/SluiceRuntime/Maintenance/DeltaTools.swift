import Foundation
import SluiceConnectors
import SluiceFormats
import SluiceSpec

/// Table maintenance for the command line (`sluice delta ...`): history, OPTIMIZE, VACUUM.
public enum DeltaTools {
    public typealias HistoryEntry = DeltaHistoryEntry
    public typealias OptimizeResult = DeltaOptimize.Result

    /// The table's commits, newest first.
    public static func history(table: String) throws -> [DeltaHistoryEntry] {
        try DeltaHistoryEntry.of(table: table)
    }

    /// Compacts small files (or Z-orders partitions by `zOrderBy`).
    public static func optimize(table: String, targetFileBytes: Int, zOrderBy: [String]) async throws -> DeltaOptimize.Result {
        try await DeltaOptimize.run(table: table, targetFileBytes: targetFileBytes, zOrderBy: zOrderBy)
    }

    /// Deletes files unused for longer than `retentionHours`; returns them.
    public static func vacuum(table: String, retentionHours: Double, force: Bool, dryRun: Bool) async throws -> [String] {
        try await DeltaVacuum.run(table: table, retentionHours: retentionHours, force: force, dryRun: dryRun)
    }

    /// Parses a size such as `256MB` (or a byte count).
    public static func byteSize(_ text: String) -> Int? {
        try? JSONNode(.string(text), at: SourceLocation(file: "", line: 1, column: 1)).byteSize(at: JSONPath.root)
    }
}
