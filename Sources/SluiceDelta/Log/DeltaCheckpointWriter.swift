import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Writes checkpoints: every `interval` versions, the snapshot's actions as one Parquet file
/// (`NNN.checkpoint.parquet`, the columns `txn`, `add`, `remove`, `metaData`, `protocol`)
/// and `_last_checkpoint` pointing at it, so readers replay one file instead of the whole log.
public enum DeltaCheckpointWriter {
    /// A checkpoint every 10 commits, as Delta clients do by default.
    public static let interval: Int64 = 10
    /// Tombstones younger than this stay in checkpoints (the default retention, 7 days).
    static let tombstoneRetentionMilliseconds: Int64 = 7 * 24 * 3600 * 1000

    static let strings = DataType.map(key: .string, value: .string)
    /// The checkpoint's columns: one struct per action kind, as Delta clients write them.
    static let schema = Schema([
        Field("txn", .struct([Field("appId", .string), Field("version", .int64), Field("lastUpdated", .int64)])),
        Field("add", .struct([Field("path", .string), Field("partitionValues", strings), Field("size", .int64),
                              Field("modificationTime", .int64), Field("dataChange", .boolean), Field("stats", .string)])),
        Field("remove", .struct([Field("path", .string), Field("deletionTimestamp", .int64), Field("dataChange", .boolean),
                                 Field("extendedFileMetadata", .boolean), Field("partitionValues", strings), Field("size", .int64)])),
        Field("metaData", .struct([
            Field("id", .string), Field("name", .string), Field("description", .string),
            Field("format", .struct([Field("provider", .string), Field("options", strings)])),
            Field("schemaString", .string), Field("partitionColumns", .array(.string)), Field("configuration", strings),
            Field("createdTime", .int64),
        ])),
        Field("protocol", .struct([Field("minReaderVersion", .int32), Field("minWriterVersion", .int32),
                                   Field("readerFeatures", .array(.string)), Field("writerFeatures", .array(.string))])),
    ])

    /// Writes the checkpoint of `version` when it is due (a multiple of `interval`).
    public static func writeIfDue(_ log: DeltaLog, version: Int64) async throws(SluiceError) {
        guard version > 0, version % interval == 0 else { return }
        try write(try await log.snapshot(version: version), log: log)
    }

    /// Writes the checkpoint of `snapshot`.
    public static func write(_ snapshot: DeltaSnapshot, log: DeltaLog, now: Date = Date()) throws(SluiceError) {
        let rows = self.rows(snapshot, now: Int64(now.timeIntervalSince1970 * 1000))
        let bytes = try encode(rows)
        let name = DeltaLog.versionName(snapshot.version) + ".checkpoint.parquet"
        try place(Data(bytes), as: (log.logDirectory as NSString).appendingPathComponent(name), in: log)
        let pointer = "{\"version\":\(snapshot.version),\"size\":\(rows.count)}"
        try place(Data(pointer.utf8), as: (log.logDirectory as NSString).appendingPathComponent("_last_checkpoint"), in: log)
    }

    /// Checkpoint rows (of `rows(_:now:)`) as a Parquet file.
    static func encode(_ rows: [[ScalarValue]]) throws(SluiceError) -> [UInt8] {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: rows.count) }
        for row in rows { for index in builders.indices { builders[index].append(row[index]) } }
        let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
        var writer = ParquetFormat().makeWriter(schema: schema)
        do {
            return writer.header() + (try writer.encode(batch)) + (try writer.footer())
        } catch let error as SluiceError {
            throw error
        } catch {
            throw SluiceError(.io, "cannot encode a Delta checkpoint: \(error)")
        }
    }

    /// One row per action: the action's struct in its column, nulls in the others.
    static func rows(_ snapshot: DeltaSnapshot, now: Int64) -> [[ScalarValue]] {
        func row(_ column: Int, _ values: [ScalarValue]) -> [ScalarValue] {
            (0..<schema.fields.count).map { $0 == column ? .struct(values) : .null }
        }
        func text(_ value: String?) -> ScalarValue { value.map(ScalarValue.string) ?? .null }
        func long(_ value: Int64?) -> ScalarValue { value.map(ScalarValue.int64) ?? .null }
        func list(_ values: [String]?) -> ScalarValue { values.map { .array($0.map(ScalarValue.string)) } ?? .null }
        let protocolVersion = snapshot.protocolVersion
        var rows: [[ScalarValue]] = [row(4, [.int32(Int32(protocolVersion.minReaderVersion)), .int32(Int32(protocolVersion.minWriterVersion)),
                                             list(protocolVersion.readerFeatures), list(protocolVersion.writerFeatures)])]
        let metadata = snapshot.metadata
        rows.append(row(3, [.string(metadata.id), text(metadata.name), text(metadata.description),
                            .struct([.string("parquet"), .map(keys: [], values: [])]), .string(metadata.schemaString),
                            list(metadata.partitionColumns), map(metadata.configuration), long(metadata.createdTime)]))
        for (appId, version) in snapshot.transactions.sorted(by: { $0.key < $1.key }) {
            rows.append(row(0, [.string(appId), .int64(version), .null]))
        }
        for file in snapshot.files {
            rows.append(row(1, [.string(file.path), map(file.partitionValues), .int64(file.size), .int64(file.modificationTime),
                                .boolean(false), text(file.stats)]))
        }
        for tombstone in snapshot.tombstones where (tombstone.deletionTimestamp ?? now) > now - tombstoneRetentionMilliseconds {
            rows.append(row(2, [.string(tombstone.path), long(tombstone.deletionTimestamp), .boolean(false), .boolean(true),
                                map(tombstone.partitionValues), long(tombstone.size)]))
        }
        return rows
    }

    private static func map(_ values: [String: String?]) -> ScalarValue {
        let keys = values.keys.sorted()
        return .map(keys: keys.map(ScalarValue.string), values: keys.map { values[$0]!.map(ScalarValue.string) ?? .null })
    }

    /// Writes `data` beside `path` and renames it into place, so readers never see half a file.
    private static func place(_ data: Data, as path: String, in log: DeltaLog) throws(SluiceError) {
        let temporary = (log.logDirectory as NSString).appendingPathComponent(".\(UUID().uuidString).tmp")
        do {
            try DurableFile.create(temporary, contents: data)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw SluiceError(.io, "cannot write the Delta checkpoint '\(path)'")
        }
    }
}
