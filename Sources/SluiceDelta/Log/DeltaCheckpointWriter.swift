import Foundation
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

    static let partitionValues = ParquetNestedField("partitionValues", .map(.string))
    static let fields: [ParquetNestedField] = [
        ParquetNestedField("txn", .group([ParquetNestedField("appId", .string), ParquetNestedField("version", .long),
                                          ParquetNestedField("lastUpdated", .long)])),
        ParquetNestedField("add", .group([ParquetNestedField("path", .string), partitionValues, ParquetNestedField("size", .long),
                                          ParquetNestedField("modificationTime", .long), ParquetNestedField("dataChange", .boolean),
                                          ParquetNestedField("stats", .string)])),
        ParquetNestedField("remove", .group([ParquetNestedField("path", .string), ParquetNestedField("deletionTimestamp", .long),
                                             ParquetNestedField("dataChange", .boolean), ParquetNestedField("extendedFileMetadata", .boolean),
                                             partitionValues, ParquetNestedField("size", .long)])),
        ParquetNestedField("metaData", .group([
            ParquetNestedField("id", .string), ParquetNestedField("name", .string), ParquetNestedField("description", .string),
            ParquetNestedField("format", .group([ParquetNestedField("provider", .string), ParquetNestedField("options", .map(.string))])),
            ParquetNestedField("schemaString", .string), ParquetNestedField("partitionColumns", .list(.string)),
            ParquetNestedField("configuration", .map(.string)), ParquetNestedField("createdTime", .long),
        ])),
        ParquetNestedField("protocol", .group([ParquetNestedField("minReaderVersion", .int), ParquetNestedField("minWriterVersion", .int),
                                               ParquetNestedField("readerFeatures", .list(.string)),
                                               ParquetNestedField("writerFeatures", .list(.string))])),
    ]

    /// Writes the checkpoint of `version` when it is due (a multiple of `interval`).
    public static func writeIfDue(_ log: DeltaLog, version: Int64) async throws(SluiceError) {
        guard version > 0, version % interval == 0 else { return }
        try write(try await log.snapshot(version: version), log: log)
    }

    /// Writes the checkpoint of `snapshot`.
    public static func write(_ snapshot: DeltaSnapshot, log: DeltaLog, now: Date = Date()) throws(SluiceError) {
        let rows = self.rows(snapshot, now: Int64(now.timeIntervalSince1970 * 1000))
        let bytes = try ParquetNestedWriter.write(fields: fields, rows: rows)
        let name = DeltaLog.versionName(snapshot.version) + ".checkpoint.parquet"
        try place(Data(bytes), as: (log.logDirectory as NSString).appendingPathComponent(name), in: log)
        let pointer = "{\"version\":\(snapshot.version),\"size\":\(rows.count)}"
        try place(Data(pointer.utf8), as: (log.logDirectory as NSString).appendingPathComponent("_last_checkpoint"), in: log)
    }

    static func rows(_ snapshot: DeltaSnapshot, now: Int64) -> [[String: ParquetNestedValue]] {
        let protocolVersion = snapshot.protocolVersion
        var protocolMembers: [String: ParquetNestedValue] = [
            "minReaderVersion": .int(Int32(protocolVersion.minReaderVersion)), "minWriterVersion": .int(Int32(protocolVersion.minWriterVersion)),
        ]
        if let features = protocolVersion.readerFeatures { protocolMembers["readerFeatures"] = .list(features.map(ParquetNestedValue.string)) }
        if let features = protocolVersion.writerFeatures { protocolMembers["writerFeatures"] = .list(features.map(ParquetNestedValue.string)) }
        let metadata = snapshot.metadata
        var rows: [[String: ParquetNestedValue]] = [["protocol": .group(protocolMembers)]]
        rows.append(["metaData": .group([
            "id": .string(metadata.id), "name": metadata.name.map(ParquetNestedValue.string) ?? .null,
            "description": metadata.description.map(ParquetNestedValue.string) ?? .null,
            "format": .group(["provider": .string("parquet"), "options": .map([])]),
            "schemaString": .string(metadata.schemaString),
            "partitionColumns": .list(metadata.partitionColumns.map(ParquetNestedValue.string)),
            "configuration": map(metadata.configuration),
            "createdTime": metadata.createdTime.map(ParquetNestedValue.long) ?? .null,
        ])])
        for (appId, version) in snapshot.transactions.sorted(by: { $0.key < $1.key }) {
            rows.append(["txn": .group(["appId": .string(appId), "version": .long(version)])])
        }
        for file in snapshot.files {
            rows.append(["add": .group([
                "path": .string(file.path), "partitionValues": map(file.partitionValues), "size": .long(file.size),
                "modificationTime": .long(file.modificationTime), "dataChange": .boolean(false),
                "stats": file.stats.map(ParquetNestedValue.string) ?? .null,
            ])])
        }
        for tombstone in snapshot.tombstones where (tombstone.deletionTimestamp ?? now) > now - tombstoneRetentionMilliseconds {
            rows.append(["remove": .group([
                "path": .string(tombstone.path), "deletionTimestamp": tombstone.deletionTimestamp.map(ParquetNestedValue.long) ?? .null,
                "dataChange": .boolean(false), "extendedFileMetadata": .boolean(true),
                "partitionValues": map(tombstone.partitionValues), "size": tombstone.size.map(ParquetNestedValue.long) ?? .null,
            ])])
        }
        return rows
    }

    private static func map(_ values: [String: String?]) -> ParquetNestedValue {
        .map(values.keys.sorted().map { ParquetNestedEntry($0, values[$0]!.map(ParquetNestedValue.string) ?? .null) })
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
