import Foundation
import SluiceDelta
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Writes a dataset into a Delta table: Parquet files under the table root (invisible until
/// the log names them), then one commit holding their `add` actions, with statistics, and for
/// an overwrite the `remove` actions of the files it replaces. The commit is the whole write:
/// a run that fails before it leaves the table as it was.
public struct DeltaTableSink: Sink {
    /// Options of a Delta write beyond the mode.
    public struct Options: Sendable {
        public var partitionBy: [String]?
        public var mergeSchema = false
        public var overwriteSchema = false
        public var parquet = ParquetWriteOptions()
        public var targetFileBytes = 256 * 1024 * 1024
        /// A fixed number of data files (an earlier `repartition` or `coalesce`).
        public var outputFiles: OutputFiles?
        /// After the commit, compact partitions left with several small files (a second commit).
        public var autoCompact = false
        /// An application's id and the version of this write (Spark's `txnAppId`/`txnVersion`):
        /// a write whose version the table already holds for the application is skipped, so a
        /// retried micro-batch commits exactly once.
        public var transaction: (appId: String, version: Int64)?
        /// With `overwrite`: replace only the partitions whose values satisfy this condition
        /// (the expression and its text).
        public var replaceWhere: (condition: SluiceEngine.Expression, text: String)?

        public init() {}
    }

    public let path: String
    public let mode: WriteMode
    public let options: Options
    public let runId: String
    public let origin: ConfigOrigin?

    public init(path: String, mode: WriteMode, options: Options, runId: String, origin: ConfigOrigin? = nil) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        self.mode = mode
        self.options = options
        self.runId = runId
        self.origin = origin
    }

    public var summary: String { "delta \(path) (\(mode.rawValue))" }

    private var replaceWhere: DeltaReplaceWhere? {
        options.replaceWhere.map { DeltaReplaceWhere(condition: $0.condition, text: $0.text) }
    }

    public func stage(_ input: RecordBatchStream) async throws -> any StagedWrite {
        let log = DeltaLog(table: path)
        let exists = ((try? log.latestVersion()) ?? nil) != nil
        let snapshot = exists ? try await log.snapshot() : nil
        if let snapshot {
            try snapshot.protocolVersion.checkWritable(table: path)
            try DeltaTableRules.checkInvariants(snapshot)
            if mode == .overwrite { try DeltaTableRules.checkRemovals(snapshot, operation: "overwrite") }
            if mode == .errorIfExists {
                throw SluiceError(.outputExists, "Delta table '\(path)' already exists (version \(snapshot.version))",
                                  location: origin?.location, jsonPath: origin?.jsonPath,
                                  hint: "set \"mode\" to \"append\" to add to it, \"overwrite\" to replace its data, or \"ignore\" to skip the write")
            }
            if mode == .ignore { return SkippedWrite() }
            if let transaction = options.transaction, let done = snapshot.transactions[transaction.appId], done >= transaction.version {
                return SkippedWrite()
            }
        }
        if options.overwriteSchema && mode != .overwrite {
            throw SluiceError(.invalidValue, "overwriteSchema replaces the table's schema and needs \"mode\": \"overwrite\"",
                              location: origin?.location, jsonPath: origin?.jsonPath)
        }
        let plan = try DeltaWritePlan(input: input.schema, snapshot: snapshot, partitionBy: options.partitionBy,
                                      mergeSchema: options.mergeSchema, overwriteSchema: options.overwriteSchema, table: path)
        if let replaceWhere {
            guard mode == .overwrite else {
                throw SluiceError(.invalidValue, "replaceWhere limits an overwrite and needs \"mode\": \"overwrite\"",
                                  location: origin?.location, jsonPath: origin?.jsonPath)
            }
            try replaceWhere.validate(partitionColumns: plan.partitionColumns, table: path)
        }
        let written = try await writeFiles(input, plan: plan)
        var actions: [DeltaAction] = [commitInfo(plan: plan, blindAppend: mode == .append)]
        if let required = DeltaProtocolVersion.required(for: plan.schema, current: snapshot?.protocolVersion) {
            actions.append(.protocolVersion(required))
        }
        if let metadata = plan.newMetadata { actions.append(.metadata(metadata)) }
        var removed: Set<String> = []
        if mode == .overwrite, let snapshot {
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let replaced = try replaceWhere.map { (rule) throws(SluiceError) in
                try rule.matchingFiles(snapshot, layout: DeltaFileLayout(snapshot: snapshot, schema: plan.schema))
            } ?? snapshot.files
            for file in replaced {
                actions.append(.remove(DeltaRemoveFile(path: file.path, deletionTimestamp: now, partitionValues: file.partitionValues, size: file.size)))
                removed.insert(file.path)
            }
        }
        actions += written.map(DeltaAction.add)
        if let transaction = options.transaction {
            actions.append(.transaction(appId: transaction.appId, version: transaction.version, lastUpdated: Int64(Date().timeIntervalSince1970 * 1000)))
        }
        let intent = DeltaCommitter.Intent(readsData: mode == .overwrite && snapshot != nil, removedPaths: removed,
                                           changesMetadata: plan.newMetadata != nil,
                                           transactionApps: Set(options.transaction.map { [$0.appId] } ?? []))
        return StagedDeltaCommit(committer: DeltaCommitter(log: log), actions: actions, readVersion: snapshot?.version,
                                 intent: intent, files: written.map { DeltaPaths.file($0.path, table: path) },
                                 rowCount: written.reduce(0) { $0 + Int(DeltaFileStatistics.rows(in: $1)) },
                                 compaction: options.autoCompact ? (options.targetFileBytes, options.parquet) : nil)
    }

    /// Writes the data files; returns their `add` actions.
    private func writeFiles(_ input: RecordBatchStream, plan: DeltaWritePlan) async throws -> [DeltaAddFile] {
        var writer = DeltaDataWriter(table: path, schema: plan.schema, partitionColumns: plan.partitionColumns,
                                     parquet: options.parquet, targetFileBytes: options.targetFileBytes)
        writer.outputFiles = options.outputFiles
        let condition = try replaceWhere.map { (rule) throws(SluiceError) in (rule, try rule.bound(to: plan.schema)) }
        return try await writer.write { files in
            for try await batch in input {
                let arranged = plan.arrange(batch)
                if let (rule, bound) = condition { try rule.check(arranged, bound: bound, table: path) }
                try files.write(arranged)
            }
        }
    }

    private func commitInfo(plan: DeltaWritePlan, blindAppend: Bool) -> DeltaAction {
        let modeName = mode == .overwrite ? "Overwrite" : mode == .append ? "Append" : "ErrorIfExists"
        return .commitInfo(operation: "WRITE", parameters: ["mode": modeName, "partitionBy": DeltaAction.parameterList(plan.partitionColumns)],
                           blindAppend: blindAppend, runId: runId)
    }
}

/// A Delta write whose files are in place and whose commit is pending.
struct StagedDeltaCommit: StagedWrite {
    let committer: DeltaCommitter
    let actions: [DeltaAction]
    let readVersion: Int64?
    let intent: DeltaCommitter.Intent
    /// The data files written, deleted on abort.
    let files: [String]
    let rowCount: Int
    /// With `autoCompact`: the target size and file options of the compaction after the commit.
    let compaction: (targetFileBytes: Int, parquet: ParquetWriteOptions)?

    func commit() async throws {
        let version: Int64
        do {
            version = try committer.commit(actions, readVersion: readVersion, intent: intent)
        } catch {
            await abort()
            throw error
        }
        // A checkpoint only saves readers work: the commit stands without it.
        try? await DeltaCheckpointWriter.writeIfDue(committer.log, version: version)
        guard let compaction else { return }
        // The data is committed: a compaction that fails (another writer got in its way, a
        // full disk) must not fail the run, or a rerun would write the data twice. The next
        // write, or `sluice delta optimize`, compacts.
        _ = try? await DeltaOptimize.run(table: committer.log.table, targetFileBytes: compaction.targetFileBytes,
                                         parquet: compaction.parquet)
    }

    func abort() async {
        for file in files { try? FileManager.default.removeItem(atPath: file) }
    }
}
