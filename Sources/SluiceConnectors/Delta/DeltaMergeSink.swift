import Foundation
import SluiceDelta
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Upserts a dataset into a Delta table by key (`mode: merge` with `mergeKeys`): a table row
/// whose keys match an incoming row is replaced by it, the other incoming rows are inserted,
/// in one commit. Only files holding a matching row are rewritten. Null keys never match (as
/// in SQL); two incoming rows with the same keys are an error, since either could win.
public struct DeltaMergeSink: Sink {
    public let path: String
    public let keys: [String]
    public let options: DeltaTableSink.Options
    public let runId: String
    public let origin: ConfigOrigin?

    public init(path: String, keys: [String], options: DeltaTableSink.Options, runId: String, origin: ConfigOrigin? = nil) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        self.keys = keys
        self.options = options
        self.runId = runId
        self.origin = origin
    }

    public var summary: String { "delta \(path) (merge on \(keys.joined(separator: ", ")))" }

    public func stage(_ input: RecordBatchStream) async throws -> any StagedWrite {
        let log = DeltaLog(table: path)
        let exists = ((try? log.latestVersion()) ?? nil) != nil
        guard exists else {
            // Nothing to merge into: the table is created with every row.
            return try await DeltaTableSink(path: path, mode: .append, options: options, runId: runId, origin: origin).stage(input)
        }
        let snapshot = try await log.snapshot()
        try snapshot.protocolVersion.checkWritable(table: path)
        try DeltaTableRules.checkRemovals(snapshot, operation: "merge")
        let plan = try DeltaWritePlan(input: input.schema, snapshot: snapshot, partitionBy: options.partitionBy,
                                      mergeSchema: options.mergeSchema, overwriteSchema: false, table: path)
        let keyColumns = try keys.map { name -> Int in
            guard let index = plan.schema.index(of: name), input.schema.index(of: name) != nil else {
                throw SluiceError(.unknownColumn, "merge key '\(name)' is not a column of both the dataset and Delta table '\(path)'",
                                  location: origin?.location, jsonPath: origin?.jsonPath,
                                  hint: NameSuggester.hint(for: name, in: input.schema.names) ?? "mergeKeys name columns of the dataset")
            }
            return index
        }
        var incoming: [RecordBatch] = []
        for try await batch in input { incoming.append(plan.arrange(batch)) }
        let incomingKeys = try keySet(incoming, keyColumns)
        let layout = DeltaFileLayout(snapshot: snapshot, schema: plan.schema)
        var touched: [DeltaAddFile] = []
        var kept: [RecordBatch] = []
        for file in snapshot.files {
            let cursor = DeltaFileCursor(table: snapshot.table, files: [file], layout: layout, output: plan.schema, predicates: [])
            var batches: [RecordBatch] = []
            while let batch = try await cursor.next() { batches.append(batch) }
            let survivors = batches.map { batch in
                (0..<batch.rowCount).filter { row in Self.key(batch, row, keyColumns).map { !incomingKeys.contains($0) } ?? true }
            }
            guard zip(batches, survivors).contains(where: { $0.rowCount != $1.count }) else { continue }
            touched.append(file)
            kept += zip(batches, survivors).compactMap { batch, rows in rows.isEmpty ? nil : batch.take(rows) }
        }
        let writer = DeltaDataWriter(table: path, schema: plan.schema, partitionColumns: plan.partitionColumns,
                                     parquet: options.parquet, targetFileBytes: options.targetFileBytes)
        let added = try await writer.write { files in
            for batch in kept + incoming { try files.write(batch) }
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let predicate = keys.map { "target.\($0) = source.\($0)" }.joined(separator: " AND ")
        var actions: [DeltaAction] = [.commitInfo(operation: "MERGE", parameters: ["predicate": predicate], blindAppend: false, runId: runId, at: now)]
        if let metadata = plan.newMetadata { actions.append(.metadata(metadata)) }
        actions += touched.map { .remove(DeltaRemoveFile(path: $0.path, deletionTimestamp: now, partitionValues: $0.partitionValues, size: $0.size)) }
        actions += added.map(DeltaAction.add)
        let intent = DeltaCommitter.Intent(readsData: true, removedPaths: Set(touched.map(\.path)), changesMetadata: plan.newMetadata != nil)
        return StagedDeltaCommit(committer: DeltaCommitter(log: log), actions: actions, readVersion: snapshot.version, intent: intent,
                                 files: added.map { DeltaPaths.file($0.path, table: path) },
                                 rowCount: incoming.reduce(0) { $0 + $1.rowCount },
                                 compaction: options.autoCompact ? (options.targetFileBytes, options.parquet) : nil)
    }

    /// The keys of the incoming rows; a repeated key is an error.
    private func keySet(_ batches: [RecordBatch], _ columns: [Int]) throws -> Set<[ScalarValue]> {
        var seen: Set<[ScalarValue]> = []
        for batch in batches {
            for row in 0..<batch.rowCount {
                guard let key = Self.key(batch, row, columns) else { continue }
                guard seen.insert(key).inserted else {
                    throw SluiceError(.malformedData, "the rows merged into Delta table '\(path)' hold the keys (\(key.map(\.description).joined(separator: ", "))) more than once",
                                      location: origin?.location, jsonPath: origin?.jsonPath,
                                      hint: "deduplicate the dataset on \(keys.joined(separator: ", ")) before the merge")
                }
            }
        }
        return seen
    }

    /// The key of a row, or nil when a key column is null (such rows never match).
    static func key(_ batch: RecordBatch, _ row: Int, _ columns: [Int]) -> [ScalarValue]? {
        var key: [ScalarValue] = []
        for column in columns {
            let value = batch.columns[column].value(at: row)
            if case .null = value { return nil }
            key.append(value)
        }
        return key
    }
}
