import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Reads every file a path names (a file, a directory or a glob) in one format, as one dataset.
///
/// Files are memory-mapped and parsed lazily, one batch at a time, in sorted path order.
/// The schema is inferred over all files (see `SchemaUnion`); files whose columns differ
/// from the others are an error naming the file. Hive-style directories below a directory
/// path (`year=2025/month=01/`) add their partition columns after the files' own.
public struct FileSetSource: Source {
    public let path: String
    public let format: any FileFormat
    public let origin: ConfigOrigin?
    private let inspections = Memo<Set<String>?, Inspection>()

    /// The files of the source, their common schema and their partition columns.
    struct Inspection: Sendable {
        var files: [String]
        var dataSchema: Schema
        var partitions: HivePartitionColumns
        var schema: Schema { Schema(dataSchema.fields + partitions.fields) }

        /// Keeps the files whose partition values pass `keep`.
        mutating func keepFiles(_ keep: ([ScalarValue]) -> Bool) {
            guard !partitions.fields.isEmpty else { return }
            let kept = files.indices.filter { keep(partitions.values[$0]) }
            files = kept.map { files[$0] }
            partitions = partitions.selecting(kept)
        }
    }

    public init(path: String, format: any FileFormat, origin: ConfigOrigin? = nil) {
        self.path = path
        self.format = format
        self.origin = origin
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
        try await scan(columns: columns, predicates: [])
    }

    /// Files in partition directories whose values cannot satisfy `predicates` are not read;
    /// the other predicates go to the format (Parquet skips row groups by their statistics).
    public func scan(columns: Set<String>?, predicates: [ScanPredicate]) async throws -> RecordBatchStream {
        var pruned = try inspect(columns: columns)
        let partitionNames = pruned.partitions.fields.map { $0.name.lowercased() }
        pruned.keepFiles { values in
            predicates.allSatisfy { predicate in
                guard let index = partitionNames.firstIndex(of: predicate.column) else { return true }
                return predicate.mayMatch(value: values[index])
            }
        }
        let inspection = pruned
        let filePredicates = predicates.filter { !partitionNames.contains($0.column) }
        let schema = inspection.schema
        let format = self.format
        let output = columns.map { wanted in Schema(schema.fields.filter { wanted.contains($0.name.lowercased()) }) } ?? schema
        return RecordBatchStream(schema: output) {
            let cursor = FileCursor(inspection: inspection, format: format, output: output, columns: columns,
                                    predicates: filePredicates)
            return { try await cursor.next() }
        }
    }

    /// The files and their common schema, worked out once per source and column set (a dataset
    /// read by two loads is listed and inferred once).
    private func inspect(columns: Set<String>?) throws -> Inspection {
        try inspections.value(for: columns) { try listAndInfer(columns: columns) }
    }

    private func listAndInfer(columns: Set<String>?) throws -> Inspection {
        let files = try LocalPaths.expand(path, origin: origin)
        var merged: Schema?
        for file in format.schemaFromFirstFile ? Array(files.prefix(1)) : files {
            let schema = try format.inferSchema(of: try LocalFileReader.map(file), file: file, columns: columns)
            merged = try merged.map { try SchemaUnion.merge($0, schema, file: file) } ?? schema
        }
        let dataSchema = merged ?? .empty
        var isDirectory: ObjCBool = false
        let isRoot = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        var partitions = isRoot ? HivePartitionColumns(files: files, root: path) : .none
        // A column the files hold themselves wins over a directory of the same name.
        if partitions.fields.contains(where: { dataSchema.index(of: $0.name) != nil }) { partitions = .none }
        return Inspection(files: files, dataSchema: dataSchema, partitions: partitions)
    }
}

/// Walks the files of a source one after another, yielding each file's batches with its
/// partition columns appended.
private final class FileCursor: @unchecked Sendable {
    private let inspection: FileSetSource.Inspection
    private let format: any FileFormat
    private let output: Schema
    private let columns: Set<String>?
    private let predicates: [ScanPredicate]
    private let wantedPartitions: [Int]
    /// The columns asked of the files: when only partition columns are wanted, the first data
    /// column is read anyway (batches need a column to count rows) and dropped.
    private let readColumns: Set<String>?
    private let dropsData: Bool
    private var position = 0
    private var current: RecordBatchStream.NextBatch?
    /// The next file, already being read by a background task while the current one is consumed.
    private var upcoming: RecordBatchStream.NextBatch?

    init(inspection: FileSetSource.Inspection, format: any FileFormat, output: Schema, columns: Set<String>?,
         predicates: [ScanPredicate]) {
        self.inspection = inspection
        self.predicates = predicates
        self.format = format
        self.output = output
        self.columns = columns
        wantedPartitions = inspection.partitions.fields.indices.filter { columns?.contains(inspection.partitions.fields[$0].name.lowercased()) ?? true }
        let dataNames = Set(inspection.dataSchema.names.map { $0.lowercased() })
        if let columns, columns.isDisjoint(with: dataNames), let first = inspection.dataSchema.fields.first {
            readColumns = [first.name.lowercased()]
            dropsData = true
        } else {
            readColumns = columns
            dropsData = false
        }
    }

    /// Called by one consumer at a time (a stream is pulled sequentially).
    func next() async throws -> RecordBatch? {
        while true {
            if let current, let batch = try await current() {
                if batch.rowCount > 0 {
                    if wantedPartitions.isEmpty { return batch }
                    return inspection.partitions.appending(to: dropsData ? [] : batch.columns, rowCount: batch.rowCount,
                                                           file: position - 1, wanted: wantedPartitions, schema: output)
                }
                continue
            }
            guard position < inspection.files.count else { return nil }
            current = try upcoming ?? open(position, ahead: false)
            upcoming = nil
            position += 1
            // Files decode one after another on the pulling task otherwise: start the next one now.
            if position < inspection.files.count { upcoming = try open(position, ahead: true) }
        }
    }

    /// File `index`'s batches; `ahead` starts a task decoding them before they are pulled.
    private func open(_ index: Int, ahead: Bool) throws -> RecordBatchStream.NextBatch {
        let file = inspection.files[index]
        let stream = format.read(try LocalFileReader.map(file), file: file, schema: inspection.dataSchema, columns: readColumns,
                                 predicates: predicates)
        return (ahead ? stream.prefetched(depth: 2) : stream).makeNextBatch()
    }
}
