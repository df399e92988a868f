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

    public func stage(_ input: RecordBatchStream) async throws -> any StagedWrite {
        let log = DeltaLog(table: path)
        let exists = ((try? log.latestVersion()) ?? nil) != nil
        let snapshot = exists ? try await log.snapshot() : nil
        if let snapshot {
            try snapshot.protocolVersion.checkWritable(table: path)
            if mode == .errorIfExists {
                throw SluiceError(.outputExists, "Delta table '\(path)' already exists (version \(snapshot.version))",
                                  location: origin?.location, jsonPath: origin?.jsonPath,
                                  hint: "set \"mode\" to \"append\" to add to it, \"overwrite\" to replace its data, or \"ignore\" to skip the write")
            }
            if mode == .ignore { return SkippedWrite() }
        }
        if options.overwriteSchema && mode != .overwrite {
            throw SluiceError(.invalidValue, "overwriteSchema replaces the table's schema and needs \"mode\": \"overwrite\"",
                              location: origin?.location, jsonPath: origin?.jsonPath)
        }
        let plan = try DeltaWritePlan(input: input.schema, snapshot: snapshot, partitionBy: options.partitionBy,
                                      mergeSchema: options.mergeSchema, overwriteSchema: options.overwriteSchema, table: path)
        let written = try await writeFiles(input, plan: plan)
        var actions: [DeltaAction] = [.commitInfo(json: commitInfo(plan: plan, blindAppend: mode == .append), timestamp: nil)]
        if snapshot == nil { actions.append(.protocolVersion(.sluiceDefault)) }
        if let metadata = plan.newMetadata { actions.append(.metadata(metadata)) }
        var removed: Set<String> = []
        if mode == .overwrite, let snapshot {
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            for file in snapshot.files {
                actions.append(.remove(DeltaRemoveFile(path: file.path, deletionTimestamp: now, partitionValues: file.partitionValues, size: file.size)))
                removed.insert(file.path)
            }
        }
        actions += written.map(DeltaAction.add)
        let intent = DeltaCommitter.Intent(readsData: mode == .overwrite && snapshot != nil, removedPaths: removed,
                                           changesMetadata: plan.newMetadata != nil)
        return StagedDeltaCommit(committer: DeltaCommitter(log: log), actions: actions, readVersion: snapshot?.version,
                                 intent: intent, files: written.map { DeltaPaths.file($0.path, table: path) },
                                 rowCount: written.reduce(0) { $0 + Int(DeltaFileStatistics.rows(in: $1)) })
    }

    /// Writes the data files; returns their `add` actions.
    private func writeFiles(_ input: RecordBatchStream, plan: DeltaWritePlan) async throws -> [DeltaAddFile] {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var layout = PartFileWriter.Layout()
        layout.partitionBy = plan.partitionColumns
        layout.targetFileBytes = options.targetFileBytes
        layout.nameSuffix = "-" + UUID().uuidString.lowercased()
        let writer = try PartFileWriter(staging: path, format: ParquetFormat(options: options.parquet), schema: plan.schema,
                                        layout: layout, firstPart: 0)
        do {
            for try await batch in input { try writer.write(plan.arrange(batch)) }
            try writer.finish()
        } catch {
            for file in writer.written { try? FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent(file.relativePath)) }
            throw error
        }
        let partitionTypes = Dictionary(uniqueKeysWithValues: plan.partitionColumns.map { name in
            (name.lowercased(), plan.schema.fields[plan.schema.index(of: name)!].type)
        })
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return try writer.written.map { file in
            let local = (path as NSString).appendingPathComponent(file.relativePath)
            let data = try Data(contentsOf: URL(fileURLWithPath: local), options: .alwaysMapped)
            let statistics = DeltaFileStatistics(summary: try ParquetFileSummary(data, file: local))
            var values: [String: String?] = [:]
            for (name, value) in HivePartitioning.values(inRelativePath: file.relativePath) {
                values[name] = value.map { Self.partitionText($0, type: partitionTypes[name.lowercased()]) }
            }
            return DeltaAddFile(path: DeltaPaths.encode(file.relativePath), partitionValues: values, size: Int64(data.count),
                                modificationTime: now, dataChange: true, stats: statistics.json)
        }
    }

    /// A partition value as Delta records it: timestamps as `yyyy-MM-dd HH:mm:ss[.ffffff]`.
    private static func partitionText(_ text: String, type: DataType?) -> String {
        guard type == .timestamp, let micros = Temporal.parseTimestamp(text) else { return text }
        return String(Temporal.formatTimestamp(micros).dropLast().replacingOccurrences(of: "T", with: " "))
    }

    private func commitInfo(plan: DeltaWritePlan, blindAppend: Bool) -> String {
        let modeName = mode == .overwrite ? "Overwrite" : mode == .append ? "Append" : "ErrorIfExists"
        let partitionBy = "[" + plan.partitionColumns.map { "\\\"\($0)\\\"" }.joined(separator: ",") + "]"
        return "{\"timestamp\":\(Int64(Date().timeIntervalSince1970 * 1000)),\"operation\":\"WRITE\","
            + "\"operationParameters\":{\"mode\":\"\(modeName)\",\"partitionBy\":\"\(partitionBy)\"},"
            + "\"isBlindAppend\":\(blindAppend),\"engineInfo\":\"sluice/0.1.0\",\"txnId\":\(JSONNode.quote(runId))}"
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

    func commit() async throws {
        do {
            _ = try committer.commit(actions, readVersion: readVersion, intent: intent)
        } catch {
            await abort()
            throw error
        }
    }

    func abort() async {
        for file in files { try? FileManager.default.removeItem(atPath: file) }
    }
}
