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
    private let inspections = Memo<Set<String>?, (files: [String], schema: Schema)>()

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
        let (files, schema) = try inspect(columns: columns)
        let format = self.format
        let output = columns.map { wanted in Schema(schema.fields.filter { wanted.contains($0.name.lowercased()) }) } ?? schema
        return RecordBatchStream(schema: output) {
            let cursor = FileCursor(files: files, format: format, schema: schema, columns: columns)
            return { try await cursor.next() }
        }
    }

    /// The files and their common schema, worked out once per source and column set (a dataset
    /// read by two loads is listed and inferred once).
    private func inspect(columns: Set<String>?) throws -> (files: [String], schema: Schema) {
        try inspections.value(for: columns) { try listAndInfer(columns: columns) }
    }

    private func listAndInfer(columns: Set<String>?) throws -> (files: [String], schema: Schema) {
        let files = try LocalPaths.expand(path, origin: origin)
        var merged: Schema?
        for file in files {
            let schema = try format.inferSchema(of: try LocalFileReader.map(file), file: file, columns: columns)
            merged = try merged.map { try SchemaUnion.merge($0, schema, file: file) } ?? schema
        }
        return (files, merged ?? .empty)
    }
}

/// Walks the files of a source one after another, yielding each file's batches.
private final class FileCursor: @unchecked Sendable {
    private let files: [String]
    private let format: any FileFormat
    private let schema: Schema
    private let columns: Set<String>?
    private var position = 0
    private var current: RecordBatchStream.NextBatch?

    init(files: [String], format: any FileFormat, schema: Schema, columns: Set<String>?) {
        self.files = files
        self.format = format
        self.schema = schema
        self.columns = columns
    }

    /// Called by one consumer at a time (a stream is pulled sequentially).
    func next() async throws -> RecordBatch? {
        while true {
            if let current, let batch = try await current() {
                if batch.rowCount > 0 { return batch }
                continue
            }
            guard position < files.count else { return nil }
            let file = files[position]
            position += 1
            current = format.read(try LocalFileReader.map(file), file: file, schema: schema, columns: columns).makeNextBatch()
        }
    }
}
