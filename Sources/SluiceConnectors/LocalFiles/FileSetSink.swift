import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Writes a dataset as a directory of `part-NNNNN.<ext>` files in one format, atomically.
///
/// Files are written into a hidden staging directory beside the target
/// (`.<name>.staging-<runId>`) and the whole directory is swapped into place on commit, so
/// readers never see a half-written output and a failed run leaves the previous output as
/// it was. `append` hard-links the existing files into the staging directory, so it is
/// atomic too. A `_SUCCESS` marker is written, as Spark does.
public struct FileSetSink: Sink {
    public let path: String
    public let format: any FileFormat
    public let mode: WriteMode
    /// Rows per part file; 0 for no limit.
    public let maxRecordsPerFile: Int
    /// Hive partition columns: rows go to `name=value/` directories, without those columns.
    public let partitionBy: [String]
    /// A part file is closed once it reaches about this many bytes (nil: one file per partition).
    public let targetFileBytes: Int?
    /// Names the staging directory, so concurrent runs do not collide.
    public let runId: String
    public let origin: ConfigOrigin?
    /// A fixed number of files (an earlier `repartition` or `coalesce`); files are then not cut by size.
    public let outputFiles: OutputFiles?

    public init(path: String, format: any FileFormat, mode: WriteMode, maxRecordsPerFile: Int = 0,
                partitionBy: [String] = [], targetFileBytes: Int? = nil, outputFiles: OutputFiles? = nil, runId: String,
                origin: ConfigOrigin? = nil) {
        self.outputFiles = outputFiles
        self.path = path
        self.format = format
        self.mode = mode
        self.maxRecordsPerFile = maxRecordsPerFile
        self.partitionBy = partitionBy
        self.targetFileBytes = targetFileBytes
        self.runId = runId
        self.origin = origin
    }

    public var summary: String { "\(format.name) \(path) (\(mode.rawValue))" }

    public func stage(_ input: RecordBatchStream) async throws -> any StagedWrite {
        let target = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let existing = existingFiles(at: target)
        if let existing, mode == .errorIfExists {
            throw SluiceError(.outputExists, "output path '\(path)' already exists (\(existing.count) files)",
                              location: origin?.location, jsonPath: origin?.jsonPath,
                              hint: "set \"mode\" to \"overwrite\" to replace it, \"append\" to add to it, or \"ignore\" to skip the write")
        }
        if existing != nil, mode == .ignore { return SkippedWrite() }

        let staging = stagingPath(for: target)
        try? FileManager.default.removeItem(atPath: staging)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            var nextPart = 0
            if mode == .append, let existing {
                nextPart = try linkExisting(existing, from: target, into: staging)
            }
            let rows = try await writeParts(input, into: staging, firstPart: nextPart)
            _ = try FileOutput(creating: (staging as NSString).appendingPathComponent("_SUCCESS")).close()
            return StagedDirectory(staging: staging, target: target, rowCount: rows)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// The names of the entries at `target`, or nil when there is nothing there (a missing
    /// or empty directory counts as nothing).
    private func existingFiles(at target: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return [target] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        return entries.isEmpty ? nil : entries
    }

    private func stagingPath(for target: String) -> String {
        let url = URL(fileURLWithPath: target)
        let parent = url.deletingLastPathComponent().path
        return (parent as NSString).appendingPathComponent(".\(url.lastPathComponent).staging-\(runId)")
    }

    /// Hard-links the existing data files (partition directories included) into the staging
    /// directory; returns the next free part number.
    private func linkExisting(_ names: [String], from target: String, into staging: String) throws -> Int {
        var next = 0
        for name in names where name != "_SUCCESS" {
            let source = (target as NSString).appendingPathComponent(name)
            let destination = (staging as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue {
                try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
                let children = try FileManager.default.contentsOfDirectory(atPath: source)
                next = max(next, try linkExisting(children, from: source, into: destination))
                continue
            }
            do {
                try FileManager.default.linkItem(atPath: source, toPath: destination)
            } catch {
                try FileManager.default.copyItem(atPath: source, toPath: destination)
            }
            if let number = PartFileName.number(of: name) { next = max(next, number + 1) }
        }
        return next
    }

    private func writeParts(_ input: RecordBatchStream, into staging: String, firstPart: Int) async throws -> Int {
        if maxRecordsPerFile == 0, partitionBy.isEmpty, targetFileBytes == nil, outputFiles == nil, format.encodesBatchesIndependently {
            return try await writeOnePart(input, into: staging, part: firstPart)
        }
        var layout = PartFileWriter.Layout()
        layout.partitionBy = partitionBy
        layout.maxRecordsPerFile = maxRecordsPerFile
        layout.targetFileBytes = outputFiles == nil ? targetFileBytes ?? Int.max : Int.max
        layout.outputFiles = outputFiles
        let writer = try PartFileWriter(staging: staging, format: format, schema: input.schema, layout: layout, firstPart: firstPart)
        for try await batch in input { try writer.write(batch) }
        try writer.finish()
        return writer.rows
    }
}

extension FileSetSink {
    /// One part file, its batches encoded on several cores and written in order.
    private func writeOnePart(_ input: RecordBatchStream, into staging: String, part: Int) async throws -> Int {
        let file = try FileOutput(creating: (staging as NSString).appendingPathComponent(PartFileName.make(part, extension: format.fileExtension)))
        var writer = format.makeWriter(schema: input.schema)
        try file.write(writer.header())
        let prototype = SendableWriter(writer)
        let encoded = OrderedParallelMap(input) { batch -> (rows: Int, bytes: [UInt8])? in
            var copy = prototype.writer  // the format promised encoding needs no state from earlier batches
            return (batch.rowCount, try copy.encode(batch))
        }
        var rows = 0
        while let chunk = try await encoded.next() {
            try file.write(chunk.bytes)
            rows += chunk.rows
        }
        try file.write(writer.footer())
        try file.close()
        return rows
    }
}

/// Lets tasks copy a writer whose encoding depends only on its configuration
/// (`FileFormat.encodesBatchesIndependently`).
private struct SendableWriter: @unchecked Sendable {
    let writer: any FormatWriter
    init(_ writer: any FormatWriter) { self.writer = writer }
}

/// A staged directory waiting to be swapped into place.
struct StagedDirectory: StagedWrite {
    let staging: String
    let target: String
    let rowCount: Int

    func commit() async throws {
        try DirectoryCommit.publish(staging: staging, target: target)
    }

    func abort() async {
        try? FileManager.default.removeItem(atPath: staging)
    }
}

/// The staged write of an `ignore`-mode sink whose target already exists: nothing to do.
struct SkippedWrite: StagedWrite {
    var rowCount: Int { 0 }
    func commit() async throws {}
    func abort() async {}
}
