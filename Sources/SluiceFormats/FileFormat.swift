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
    /// A writer producing this format's bytes for batches of `schema`.
    func makeWriter(schema: Schema) -> any FormatWriter
    /// Whether a writer's `encode` depends only on its configuration and the batch, so copies
    /// of one writer may encode different batches at once and the results be concatenated.
    var encodesBatchesIndependently: Bool { get }
}

extension FileFormat {
    public var encodesBatchesIndependently: Bool { false }
}

/// Turns batches into a format's bytes: `header`, then `encode` per batch, then `footer`.
public protocol FormatWriter {
    mutating func header() -> [UInt8]
    mutating func encode(_ batch: RecordBatch) throws -> [UInt8]
    mutating func footer() -> [UInt8]
}
