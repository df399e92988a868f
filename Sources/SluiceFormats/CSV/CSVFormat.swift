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
        try data.withUnsafeBytes { bytes in try CSVSchemaInference(options: options, file: file).infer(bytes) }
    }

    public func read(_ data: Data, file: String, schema: Schema) -> RecordBatchStream {
        let options = self.options
        return RecordBatchStream(schema: schema) {
            let reader = CSVChunkedReader(data: data, file: file, schema: schema, options: options)
            return { try await reader.next() }
        }
    }

    /// Rows are encoded independently of each other: batches may be encoded in parallel.
    public var encodesBatchesIndependently: Bool { true }

    public func makeWriter(schema: Schema) -> any FormatWriter {
        CSVWriter(schema: schema, options: options)
    }
}
