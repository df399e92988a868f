import Foundation
import SluiceEngine

/// CSV files (RFC 4180), with Spark's options: header, delimiter, quote, escape, null text,
/// schema inference or an explicit schema, and a parse mode for malformed rows.
public struct CSVFormat: FileFormat {
    public let options: CSVOptions

    public init(options: CSVOptions = CSVOptions()) {
        self.options = options
    }

    public var name: String { "csv" }
    public var fileExtension: String { "csv" }

    public func inferSchema(of data: Data, file: String) throws -> Schema {
        try inferSchema(of: data, file: file, columns: nil)
    }

    /// Infers types for `columns` only; the others are left as strings without looking at them.
    public func inferSchema(of data: Data, file: String, columns: Set<String>?) throws -> Schema {
        var inference = CSVSchemaInference(options: options, file: file)
        inference.columns = columns
        return try data.withUnsafeBytes { bytes in try inference.infer(bytes) }
    }

    public func read(_ data: Data, file: String, schema: Schema) -> RecordBatchStream {
        read(data, file: file, schema: schema, columns: nil)
    }

    /// Parses only the fields in `columns`; the others are tokenized and skipped. When the
    /// schema may come from a sample of `data` (`CSVInferenceSample`), a value that does not
    /// fit its column fails the read with `sampledSchemaMismatch`, whatever the parse mode.
    public func read(_ data: Data, file: String, schema: Schema, columns: Set<String>?) -> RecordBatchStream {
        var speculative = self.options
        speculative.speculative = CSVInferenceSample.applies(to: data.count, options: speculative)
        let options = speculative
        let selected = columns.map { wanted in schema.fields.indices.filter { wanted.contains(schema.fields[$0].name.lowercased()) } }
        let output = selected.map { Schema($0.map { schema.fields[$0] }) } ?? schema
        return RecordBatchStream(schema: output) {
            let reader = CSVChunkedReader(data: data, file: file, schema: schema, options: options, selected: selected)
            return { try await reader.next() }
        }
    }

    /// Rows are encoded independently of each other: batches may be encoded in parallel.
    public var encodesBatchesIndependently: Bool { true }

    public func makeWriter(schema: Schema) -> any FormatWriter {
        CSVWriter(schema: schema, options: options)
    }
}
