import Foundation
import SluiceDelta
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Writes batches of a table's schema as Parquet data files under the table root, in its
/// partition directories, and describes them as `add` actions with statistics. The files stay
/// invisible until a commit names them; on failure the ones written are deleted.
struct DeltaDataWriter {
    let table: String
    /// The table's columns (partition columns included: they become directories).
    let schema: Schema
    let partitionColumns: [String]
    let parquet: ParquetWriteOptions
    let targetFileBytes: Int
    /// Whether the files change the table's data (false for a compaction).
    var dataChange = true
    /// A fixed number of files per partition (`repartition`, `coalesce`) instead of files by size.
    var outputFiles: OutputFiles?

    /// Feeds `body`'s batches to the files; returns their `add` actions.
    func write(_ body: (PartFileWriter) async throws -> Void) async throws -> [DeltaAddFile] {
        try FileManager.default.createDirectory(atPath: table, withIntermediateDirectories: true)
        var layout = PartFileWriter.Layout()
        layout.partitionBy = partitionColumns
        layout.targetFileBytes = outputFiles == nil ? targetFileBytes : Int.max
        layout.outputFiles = outputFiles
        layout.nameSuffix = "-" + UUID().uuidString.lowercased()
        let writer = try PartFileWriter(staging: table, format: ParquetFormat(options: parquet), schema: schema,
                                        layout: layout, firstPart: 0)
        do {
            try await body(writer)
            try writer.finish()
            return try actions(for: writer.written)
        } catch {
            writer.abort()
            throw error
        }
    }

    private func actions(for files: [PartFileWriter.WrittenFile]) throws -> [DeltaAddFile] {
        var partitionTypes: [String: DataType] = [:]
        for name in partitionColumns {
            guard let index = schema.index(of: name) else {
                throw SluiceError(.malformedData, "Delta table '\(table)' is partitioned by '\(name)', which its schema lacks")
            }
            partitionTypes[name.lowercased()] = schema.fields[index].type
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return try files.map { file in
            let local = (table as NSString).appendingPathComponent(file.relativePath)
            let data = try LocalFileReader.map(local)
            let statistics = DeltaFileStatistics(summary: try ParquetFileSummary(data, file: local))
            var values: [String: String?] = [:]
            for (name, value) in HivePartitioning.values(inRelativePath: file.relativePath) {
                values[name] = value.map { Self.partitionText($0, type: partitionTypes[name.lowercased()]) }
            }
            return DeltaAddFile(path: DeltaPaths.encode(file.relativePath), partitionValues: values, size: Int64(data.count),
                                modificationTime: now, dataChange: dataChange, stats: statistics.json)
        }
    }

    /// A partition value as Delta records it: timestamps as `yyyy-MM-dd HH:mm:ss[.ffffff]`.
    static func partitionText(_ text: String, type: DataType?) -> String {
        guard type == .timestamp, let micros = Temporal.parseTimestamp(text) else { return text }
        return String(Temporal.formatTimestamp(micros).dropLast().replacingOccurrences(of: "T", with: " "))
    }
}
