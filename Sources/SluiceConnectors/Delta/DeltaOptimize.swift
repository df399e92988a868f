import Foundation
import SluiceDelta
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// OPTIMIZE: rewrites each partition's small files into files of about the target size
/// (bin-packing), or with ZORDER BY all of a partition's files sorted along a Z-order curve.
/// The commit removes the old files and adds the new ones without changing the data
/// (`dataChange` false), so streaming readers and concurrent appends are unaffected.
public enum DeltaOptimize {
    /// What an OPTIMIZE did.
    public struct Result: Sendable, Equatable {
        public var filesRemoved: Int
        public var filesAdded: Int
        /// The version committed, or nil when there was nothing to do.
        public var version: Int64?
    }

    /// Compacts (or Z-orders) the newest version of `table` and commits the result; files it
    /// wrote are deleted again if anything fails before the commit.
    public static func run(table: String, targetFileBytes: Int = 256 * 1024 * 1024, zOrderBy: [String] = [],
                           parquet: ParquetWriteOptions = ParquetWriteOptions()) async throws -> Result {
        let log = DeltaLog(table: table)
        let snapshot = try await log.snapshot()
        try snapshot.protocolVersion.checkWritable(table: table)
        let schema = snapshot.schema.engineSchema
        let zColumns = try zOrderBy.map { name -> Int in
            guard let index = schema.index(of: name) else {
                throw SluiceError(.unknownColumn, "ZORDER BY column '\(name)' is not in Delta table '\(table)'",
                                  hint: NameSuggester.hint(for: name, in: schema.names) ?? "columns: \(schema.names.joined(separator: ", "))")
            }
            if snapshot.metadata.partitionColumns.contains(where: { $0.lowercased() == name.lowercased() }) {
                throw SluiceError(.invalidValue, "ZORDER BY column '\(name)' is a partition column; every file already holds one value of it")
            }
            return index
        }
        let layout = DeltaFileLayout(snapshot: snapshot, schema: schema)
        var groups: [String: [DeltaAddFile]] = [:]
        for file in snapshot.files {
            let key = file.partitionValues.keys.sorted().map { "\($0)=\(file.partitionValues[$0]! ?? "\u{0}")" }.joined(separator: "/")
            groups[key, default: []].append(file)
        }
        var removed: [DeltaAddFile] = []
        var added: [DeltaAddFile] = []
        let writer = DeltaDataWriter(table: log.table, schema: schema, partitionColumns: snapshot.metadata.partitionColumns,
                                     parquet: parquet, targetFileBytes: targetFileBytes, dataChange: false)
        do {
            for key in groups.keys.sorted() {
                let files = groups[key]!
                let chosen = zColumns.isEmpty ? files.filter { $0.size < Int64(targetFileBytes) * 3 / 4 } : files
                guard chosen.count >= (zColumns.isEmpty ? 2 : 1) else { continue }
                let cursor = DeltaFileCursor(table: log.table, files: chosen, layout: layout, output: schema, predicates: [])
                added += try await writer.write { output in
                    if zColumns.isEmpty {
                        while let batch = try await cursor.next() { try output.write(batch) }
                        return
                    }
                    var batches: [RecordBatch] = []
                    while let batch = try await cursor.next() { batches.append(batch) }
                    guard !batches.isEmpty else { return }
                    let all = RecordBatch.concatenate(batches, schema: schema)
                    try output.write(all.take(ZOrder.permutation(all, columns: zColumns)))
                }
                removed += chosen
            }
        } catch {
            // Files written for earlier partitions are not in any commit yet.
            for file in added { try? FileManager.default.removeItem(atPath: DeltaPaths.file(file.path, table: log.table)) }
            throw error
        }
        guard !removed.isEmpty else { return Result(filesRemoved: 0, filesAdded: 0, version: nil) }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var actions: [DeltaAction] = [.commitInfo(operation: "OPTIMIZE", parameters: ["predicate": "[]", "zOrderBy": DeltaAction.parameterList(zOrderBy)],
                                                  blindAppend: false, runId: nil, at: now)]
        actions += removed.map { .remove(DeltaRemoveFile(path: $0.path, deletionTimestamp: now, dataChange: false, partitionValues: $0.partitionValues, size: $0.size)) }
        actions += added.map(DeltaAction.add)
        let intent = DeltaCommitter.Intent(readsData: false, removedPaths: Set(removed.map(\.path)), changesMetadata: false)
        do {
            let version = try DeltaCommitter(log: log).commit(actions, readVersion: snapshot.version, intent: intent)
            try? await DeltaCheckpointWriter.writeIfDue(log, version: version)
            return Result(filesRemoved: removed.count, filesAdded: added.count, version: version)
        } catch {
            for file in added { try? FileManager.default.removeItem(atPath: DeltaPaths.file(file.path, table: log.table)) }
            throw error
        }
    }
}
