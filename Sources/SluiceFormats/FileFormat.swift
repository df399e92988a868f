import Foundation
import SluiceEngine

/// A file format: how bytes become record batches and back.
public protocol FileFormat: Sendable {
    /// The name used in pipeline files (`csv`, `json`).
    var name: String { get }
    /// The extension of files written in this format, without the dot.
    var fileExtension: String { get }
    /// The schema of `data`, inferred or as configured.
    func inferSchema(of data: Data, file: String) throws -> Schema
    /// The rows of `data` under `schema`, parsed lazily, one batch at a time.
    func read(_ data: Data, file: String, schema: Schema) -> RecordBatchStream
    /// The schema of `data` where only `columns` (lower-cased names; nil for all) need exact
    /// types: a format may leave the others as strings to save work.
    func inferSchema(of data: Data, file: String, columns: Set<String>?) throws -> Schema
    /// The rows of `data` (whose full schema is `schema`) with only the fields in `columns`, in file order.
    func read(_ data: Data, file: String, schema: Schema, columns: Set<String>?) -> RecordBatchStream
    /// As `read(_:file:schema:columns:)`, leaving out parts of the file (Parquet row groups)
    /// that cannot hold a row satisfying `predicates`.
    func read(_ data: Data, file: String, schema: Schema, columns: Set<String>?, predicates: [ScanPredicate]) -> RecordBatchStream
    /// A writer producing this format's bytes for batches of `schema`.
    func makeWriter(schema: Schema) -> any FormatWriter
    /// Whether the files of a dataset take the first file's schema (self-describing formats,
    /// as Spark reads Parquet without `mergeSchema`) rather than one inferred over every file.
    var schemaFromFirstFile: Bool { get }
    /// Whether a writer's `encode` depends only on its configuration and the batch, so copies
    /// of one writer may encode different batches at once and the results be concatenated.
    var encodesBatchesIndependently: Bool { get }
}

extension FileFormat {
    public var encodesBatchesIndependently: Bool { false }
    public var schemaFromFirstFile: Bool { false }

    /// The default infers every column.
    public func inferSchema(of data: Data, file: String, columns: Set<String>?) throws -> Schema {
        try inferSchema(of: data, file: file)
    }

    /// The default skips nothing.
    public func read(_ data: Data, file: String, schema: Schema, columns: Set<String>?, predicates: [ScanPredicate]) -> RecordBatchStream {
        read(data, file: file, schema: schema, columns: columns)
    }

    /// The default reads everything and drops the other columns.
    public func read(_ data: Data, file: String, schema: Schema, columns: Set<String>?) -> RecordBatchStream {
        guard let columns else { return read(data, file: file, schema: schema) }
        let kept = schema.fields.indices.filter { columns.contains(schema.fields[$0].name.lowercased()) }
        let projected = Schema(kept.map { schema.fields[$0] })
        return read(data, file: file, schema: schema).compactMap(schema: projected) { batch in
            RecordBatch(schema: projected, columns: kept.map { batch.columns[$0] })
        }
    }
}

/// Turns batches into a format's bytes: `header`, then `encode` per batch, then `footer`.
///
/// A writer may hold encoded data back (Parquet keeps a row group until it is full):
/// `bufferedBytes` says how much, and `flush` hands it out early to bound memory.
public protocol FormatWriter {
    mutating func header() -> [UInt8]
    mutating func encode(_ batch: RecordBatch) throws -> [UInt8]
    mutating func footer() throws -> [UInt8]
    /// Bytes encoded but not yet handed out.
    var bufferedBytes: Int { get }
    /// Hands out what is buffered (closing a Parquet row group early).
    mutating func flush() throws -> [UInt8]
}

extension FormatWriter {
    public var bufferedBytes: Int { 0 }
    public mutating func flush() throws -> [UInt8] { [] }
}
