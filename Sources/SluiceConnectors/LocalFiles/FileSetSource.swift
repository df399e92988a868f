import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Reads every file a path names (a file, a directory or a glob) in one format, as one dataset.
///
/// Files are memory-mapped and parsed lazily, one batch at a time, in sorted path order.
/// The schema is inferred over all files (see `SchemaUnion`); files whose columns differ
/// from the others are an error naming the file.
public struct FileSetSource: Source {
    public let path: String
    public let format: any FileFormat
    public let origin: ConfigOrigin?
    /// Whether `column=value` directories below `path` add partition columns (as Spark reads
    /// what `partitionBy` wrote).
    public let discoversPartitions: Bool
    private let inspections = Memo<Set<String>?, (files: [String], schema: Schema, partitions: PartitionDiscovery?)>()

    public init(path: String, format: any FileFormat, origin: ConfigOrigin? = nil, discoversPartitions: Bool = false) {
        self.path = path
        self.format = format
        self.origin = origin
        self.discoversPartitions = discoversPartitions
    }

    public var summary: String { "\(format.name) \(path)" }

    public func schema() async throws -> Schema {
        try inspect(columns: nil).schema
    }

    public func scan() async throws -> RecordBatchStream {
        try await scan(columns: nil)
    }

    /// Reads only `columns` (lower-cased names) when given: formats that can skip the other
    /// columns (CSV) neither infer nor parse them.
    public func scan(columns: Set<String>?) async throws -> RecordBatchStream {
        let (files, schema, partitions) = try inspect(columns: columns)
        let format = self.format
        let output = columns.map { wanted in Schema(schema.fields.filter { wanted.contains($0.name.lowercased()) }) } ?? schema
        guard let partitions else {
            return RecordBatchStream(schema: output) {
                let cursor = FileCursor(files: files, format: format, schema: schema, columns: columns)
                return { try await cursor.next() }
            }
        }
        // The files hold the data columns; the partition columns come from their directories.
        let partitionNames = Set(partitions.fields.map { $0.name.lowercased() })
        let dataSchema = Schema(schema.fields.filter { !partitionNames.contains($0.name.lowercased()) })
        // When only partition columns are wanted, one data column is still read for the row count.
        let dataColumns = columns.map { wanted in
            let data = wanted.subtracting(partitionNames)
            return data.isEmpty ? Set(dataSchema.fields.prefix(1).map { $0.name.lowercased() }) : data
        }
        return RecordBatchStream(schema: output) {
            let cursor = FileCursor(files: files, format: format, schema: dataSchema, columns: dataColumns) { batch, file in
                partitions.complete(batch, file: file, output: output)
            }
            return { try await cursor.next() }
        }
    }

    /// The files and their common schema, worked out once per source and column set (a dataset
    /// read by two loads is listed and inferred once).
    private func inspect(columns: Set<String>?) throws -> (files: [String], schema: Schema, partitions: PartitionDiscovery?) {
        try inspections.value(for: columns) { try listAndInfer(columns: columns) }
    }

    private func listAndInfer(columns: Set<String>?) throws -> (files: [String], schema: Schema, partitions: PartitionDiscovery?) {
        let files = try LocalPaths.expand(path, origin: origin)
        var partitions = discoversPartitions ? PartitionDiscovery.discover(root: path, files: files) : nil
        let partitionNames = Set((partitions?.fields ?? []).map { $0.name.lowercased() })
        var merged: Schema?
        for file in files {
            let schema = try format.inferSchema(of: try LocalFileReader.map(file), file: file, columns: columns?.subtracting(partitionNames))
            merged = try merged.map { try SchemaUnion.merge($0, schema, file: file) } ?? schema
        }
        var schema = merged ?? .empty
        if let found = partitions {
            // A column the files hold wins over a directory of the same name.
            if found.fields.contains(where: { schema.index(of: $0.name) != nil }) {
                partitions = nil
            } else {
                schema = Schema(schema.fields + found.fields)
            }
        }
        return (files, schema, partitions)
    }
}

/// Walks the files of a source one after another, yielding each file's batches.
private final class FileCursor: @unchecked Sendable {
    private let files: [String]
    private let format: any FileFormat
    private let schema: Schema
    private let columns: Set<String>?
    /// Completes each batch of a file (adds its partition columns), when there is anything to add.
    private let complete: (@Sendable (RecordBatch, String) -> RecordBatch)?
    private var position = 0
    private var current: RecordBatchStream.NextBatch?
    private var currentFile = ""

    init(files: [String], format: any FileFormat, schema: Schema, columns: Set<String>?,
         complete: (@Sendable (RecordBatch, String) -> RecordBatch)? = nil) {
        self.files = files
        self.format = format
        self.schema = schema
        self.columns = columns
        self.complete = complete
    }

    /// Called by one consumer at a time (a stream is pulled sequentially).
    func next() async throws -> RecordBatch? {
        while true {
            if let current, let batch = try await current() {
                if batch.rowCount > 0 { return complete.map { $0(batch, currentFile) } ?? batch }
                continue
            }
            guard position < files.count else { return nil }
            let file = files[position]
            currentFile = file
            position += 1
            current = format.read(try LocalFileReader.map(file), file: file, schema: schema, columns: columns).makeNextBatch()
        }
    }
}
