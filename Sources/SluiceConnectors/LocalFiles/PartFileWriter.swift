import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Writes batches as part files under a staging directory: rows routed to Hive partition
/// directories by the partition columns (which leave the data files), each file closed once
/// it reaches `targetFileBytes` or `maxRecordsPerFile`, so outputs are few, large files.
///
/// Memory stays bounded however many partitions are open: when the writers together hold
/// more than `memoryBudget` bytes, the largest hands its buffer out (a Parquet row group
/// closes early); past `maxOpenFiles`, the least recently used file is finished.
final class PartFileWriter {
    /// Where files go and how big they get.
    struct Layout {
        var partitionBy: [String] = []
        var targetFileBytes = 256 * 1024 * 1024
        var maxRecordsPerFile = 0
        var memoryBudget = 256 * 1024 * 1024
        var maxOpenFiles = 256
        /// Added to part file names (`part-00000<suffix>.parquet`), so writes into a directory
        /// that keeps older files (a Delta table) never reuse a name.
        var nameSuffix = ""
        /// A fixed number of files per directory (`repartition`, `coalesce`), instead of files by size.
        var outputFiles: OutputFiles?
    }

    /// A finished part file: its path below the staging directory and its rows.
    struct WrittenFile {
        var relativePath: String
        var rows: Int
    }

    /// The most rows encoded at once.
    static let sliceRows = 16_384

    private struct OpenFile {
        var relativePath: String
        var output: FileOutput
        var writer: any FormatWriter
        var bytes = 0
        var rows = 0
        var lastUse = 0
    }

    private let staging: String
    private let format: any FileFormat
    private let layout: Layout
    private let partitionIndices: [Int]
    private let dataIndices: [Int]
    private let dataSchema: Schema
    private var open: [String: OpenFile] = [:]
    /// The files finished so far, in order.
    private(set) var written: [WrittenFile] = []
    private var nextPart: Int
    private var clock = 0
    private(set) var rows = 0
    /// Rows dealt out so far and batches seen (`outputFiles`), and the hashed columns.
    private var dealt = 0
    private var batches = 0
    private let bucketIndices: [Int]

    init(staging: String, format: any FileFormat, schema: Schema, layout: Layout, firstPart: Int) throws {
        self.staging = staging
        self.format = format
        self.layout = layout
        nextPart = firstPart
        partitionIndices = try layout.partitionBy.map { name in
            guard let index = schema.index(of: name) else {
                throw SluiceError(.unknownColumn, "partition column '\(name)' is not in the dataset",
                                  hint: NameSuggester.hint(for: name, in: schema.names) ?? "columns: \(schema.names.joined(separator: ", "))")
            }
            return index
        }
        guard partitionIndices.count < schema.fields.count else {
            throw SluiceError(.invalidValue, "every column is a partition column, so the data files would have no columns",
                              hint: "partition by fewer columns")
        }
        if case .hashed(let columns, _)? = layout.outputFiles {
            bucketIndices = try columns.map { name in
                guard let index = schema.index(of: name) else {
                    throw SluiceError(.unknownColumn, "repartition column '\(name)' is not in the dataset",
                                      hint: NameSuggester.hint(for: name, in: schema.names) ?? "columns: \(schema.names.joined(separator: ", "))")
                }
                return index
            }
        } else {
            bucketIndices = []
        }
        let partitioned = partitionIndices
        dataIndices = schema.fields.indices.filter { !partitioned.contains($0) }
        dataSchema = Schema(dataIndices.map { schema.fields[$0] })
    }

    func write(_ batch: RecordBatch) throws {
        for (directory, rows) in buckets(route(batch), of: batch) {
            let part = rows.count == batch.rowCount ? batch : batch.take(rows)
            let data = RecordBatch(schema: dataSchema, columns: dataIndices.map { part.columns[$0] })
            try append(data, to: directory)
        }
        rows += batch.rowCount
    }

    /// Finishes every open file; an unpartitioned output with no rows still gets one (empty) file.
    func finish() throws {
        if rows == 0, partitionIndices.isEmpty { try openFile("") }
        for directory in open.keys.sorted() { try close(directory) }
    }

    /// Closes and deletes every file this writer made, finished or open (a failed write).
    func abort() {
        for (_, file) in open {
            try? file.output.close()
            try? FileManager.default.removeItem(atPath: (staging as NSString).appendingPathComponent(file.relativePath))
        }
        open.removeAll()
        for file in written { try? FileManager.default.removeItem(atPath: (staging as NSString).appendingPathComponent(file.relativePath)) }
        written.removeAll()
    }

    /// The rows of each partition directory, in order of first appearance.
    private func route(_ batch: RecordBatch) -> [(String, [Int])] {
        guard !partitionIndices.isEmpty else { return [("", Array(0..<batch.rowCount))] }
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for row in 0..<batch.rowCount {
            let directory = partitionIndices.map { index in
                HivePartitioning.segment(batch.schema.fields[index].name, batch.columns[index].value(at: row))
            }.joined(separator: "/")
            if groups[directory] == nil { order.append(directory) }
            groups[directory, default: []].append(row)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// Each directory's rows split into its files when the layout fixes their number; a file's
    /// key is then its directory and its number.
    private func buckets(_ routed: [(String, [Int])], of batch: RecordBatch) -> [(String, [Int])] {
        guard let files = layout.outputFiles else { return routed }
        defer { batches += 1 }
        var result: [(String, [Int])] = []
        for (directory, rows) in routed {
            var split: [[Int]]
            switch files {
            case .roundRobin(let count):
                split = Array(repeating: [], count: count)
                for (position, row) in rows.enumerated() { split[(dealt + position) % count].append(row) }
                dealt += rows.count
            case .hashed(_, let count):
                split = Array(repeating: [], count: count)
                for row in rows { split[Int(Self.stableHash(bucketIndices.map { batch.columns[$0].value(at: row) }) % UInt64(count))].append(row) }
            case .coalesced(let count):
                split = Array(repeating: [], count: count)
                split[batches % count] = rows
            }
            for (bucket, bucketRows) in split.enumerated() where !bucketRows.isEmpty {
                result.append((directory + Self.bucketSeparator + String(bucket), bucketRows))
            }
        }
        return result
    }

    private static let bucketSeparator = "\u{1}"

    /// FNV-1a over the values' text: the same values go to the same file in every run.
    private static func stableHash(_ values: [ScalarValue]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            for byte in value.description.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0xFF) &* 0x100_0000_01b3
        }
        return hash
    }

    private func append(_ batch: RecordBatch, to directory: String) throws {
        var offset = 0
        while offset < batch.rowCount {
            if open[directory] == nil { try openFile(directory) }
            // Slices of at most `sliceRows`, so a file can close near its target size even
            // when one batch would overshoot it.
            let limit = layout.maxRecordsPerFile > 0 ? layout.maxRecordsPerFile - open[directory]!.rows : Int.max
            let room = min(limit, Self.sliceRows)
            let take = min(room, batch.rowCount - offset)
            let slice = take == batch.rowCount ? batch : batch.slice(offset, take)
            clock += 1
            let bytes = try open[directory]!.writer.encode(slice)
            try open[directory]!.output.write(bytes)
            open[directory]!.bytes += bytes.count
            open[directory]!.rows += take
            open[directory]!.lastUse = clock
            offset += take
            let file = open[directory]!
            if file.bytes + file.writer.bufferedBytes >= layout.targetFileBytes
                || (layout.maxRecordsPerFile > 0 && file.rows >= layout.maxRecordsPerFile) {
                try close(directory)
            }
        }
        try keepWithinBudget()
    }

    private func keepWithinBudget() throws {
        while open.values.reduce(0, { $0 + $1.writer.bufferedBytes }) > layout.memoryBudget,
              let largest = open.max(by: { $0.value.writer.bufferedBytes < $1.value.writer.bufferedBytes })?.key {
            let bytes = try open[largest]!.writer.flush()
            guard !bytes.isEmpty else { break }
            try open[largest]!.output.write(bytes)
            open[largest]!.bytes += bytes.count
        }
    }

    private func openFile(_ key: String) throws {
        if open.count >= layout.maxOpenFiles, let oldest = open.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            try close(oldest)
        }
        let directory = key.components(separatedBy: Self.bucketSeparator)[0]
        let folder = directory.isEmpty ? staging : (staging as NSString).appendingPathComponent(directory)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = PartFileName.make(nextPart, extension: format.fileExtension, suffix: layout.nameSuffix)
        nextPart += 1
        let output = try FileOutput(creating: (folder as NSString).appendingPathComponent(name))
        var writer = format.makeWriter(schema: dataSchema)
        let header = writer.header()
        try output.write(header)
        let relativePath = directory.isEmpty ? name : directory + "/" + name
        open[key] = OpenFile(relativePath: relativePath, output: output, writer: writer, bytes: header.count)
    }

    private func close(_ directory: String) throws {
        guard var file = open.removeValue(forKey: directory) else { return }
        try file.output.write(try file.writer.footer())
        try file.output.close()
        written.append(WrittenFile(relativePath: file.relativePath, rows: file.rows))
    }
}
