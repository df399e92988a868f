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
    private let inspection = Memo<(files: [String], schema: Schema)>()

    public init(path: String, format: any FileFormat, origin: ConfigOrigin? = nil) {
        self.path = path
        self.format = format
        self.origin = origin
    }

    public var summary: String { "\(format.name) \(path)" }

    public func schema() async throws -> Schema {
        try inspect().schema
    }

    public func scan() async throws -> RecordBatchStream {
        let (files, schema) = try inspect()
        let format = self.format
        return RecordBatchStream(schema: schema) {
            let cursor = FileCursor(files: files, format: format, schema: schema)
            return { try await cursor.next() }
        }
    }

    /// The files and their common schema, worked out once per source (a dataset read by two
    /// loads is listed and inferred once).
    private func inspect() throws -> (files: [String], schema: Schema) {
        try inspection.value { try listAndInfer() }
    }

    private func listAndInfer() throws -> (files: [String], schema: Schema) {
        let files = try LocalPaths.expand(path, origin: origin)
        var merged: Schema?
        for file in files {
            let schema = try format.inferSchema(of: try LocalFileReader.map(file), file: file)
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
    private var position = 0
    private var current: RecordBatchStream.NextBatch?

    init(files: [String], format: any FileFormat, schema: Schema) {
        self.files = files
        self.format = format
        self.schema = schema
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
            current = format.read(try LocalFileReader.map(file), file: file, schema: schema).makeNextBatch()
        }
    }
}
