import Foundation
import SluiceDelta
import SluiceSpec

/// VACUUM: deletes data files the newest version no longer uses, once they are older than the
/// retention period, so that time travel within the period keeps working.
public enum DeltaVacuum {
    /// Delta's default retention: 7 days.
    public static let defaultRetentionHours = 168.0

    /// The files deleted (or, with `dryRun`, that would be), relative to the table root.
    public static func run(table: String, retentionHours: Double = defaultRetentionHours, force: Bool = false,
                           dryRun: Bool = false, now: Date = Date()) async throws(SluiceError) -> [String] {
        guard retentionHours >= defaultRetentionHours || force else {
            throw SluiceError(.invalidValue, "a retention of \(retentionHours) hours is shorter than the safe minimum of 168 hours",
                              hint: "older versions would lose their files while readers may still use them; pass force to do it anyway")
        }
        let snapshot = try await DeltaLog(table: table).snapshot()
        try snapshot.protocolVersion.checkWritable(table: table)
        let root = URL(fileURLWithPath: snapshot.table).standardizedFileURL.path
        // Both sides as absolute, standardized paths: a live file must never look unused.
        let live = Set(snapshot.files.map { URL(fileURLWithPath: DeltaPaths.file($0.path, table: root)).standardizedFileURL.path })
        let cutoff = now.addingTimeInterval(-retentionHours * 3600)
        // A removed file's age is the time of its removal, not of its writing: readers of the
        // versions before the removal may still need it within the retention.
        let removedAt = Dictionary(snapshot.tombstones.compactMap { tombstone in
            tombstone.deletionTimestamp.map { (URL(fileURLWithPath: DeltaPaths.file(tombstone.path, table: root)).standardizedFileURL.path, $0) }
        }, uniquingKeysWith: max)
        var deleted: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            // The log, hidden files and Spark's markers are not data files.
            if relative.hasPrefix("_delta_log") || name.hasPrefix(".") || name.hasPrefix("_") {
                if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }
                continue
            }
            guard (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
            let full = URL(fileURLWithPath: (root as NSString).appendingPathComponent(relative)).standardizedFileURL.path
            guard !live.contains(full), let modified = walker.fileAttributes?[.modificationDate] as? Date, modified < cutoff else { continue }
            if let removal = removedAt[full], Double(removal) / 1000 >= cutoff.timeIntervalSince1970 { continue }
            if !dryRun {
                do { try FileManager.default.removeItem(atPath: full) } catch {
                    throw SluiceError(.io, "cannot delete '\(full)': \(error.localizedDescription)")
                }
            }
            deleted.append(relative)
        }
        return deleted.sorted()
    }
}
