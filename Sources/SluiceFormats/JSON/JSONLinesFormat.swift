import Foundation
import SluiceEngine

/// JSON Lines files: one JSON object per line, as Spark reads and writes `format("json")`.
public struct JSONLinesFormat: FileFormat {
    public let options: JSONLinesOptions

    public init(options: JSONLinesOptions = JSONLinesOptions()) {
        self.options = options
    }

    public var name: String { "json" }
    public var fileExtension: String { "json" }

    public func inferSchema(of data: Data, file: String) throws -> Schema {
        if let schema = options.schema { return schema }
        return try JSONLinesInference(file: file, parseMode: options.parseMode).infer(data)
    }

    public func read(_ data: Data, file: String, schema: Schema) -> RecordBatchStream {
        let parseMode = options.parseMode
        return RecordBatchStream(schema: schema) {
            let reader = JSONLinesBatchReader(data: data, file: file, schema: schema, parseMode: parseMode)
            return { try reader.next() }
        }
    }

    /// Rows are encoded independently of each other: batches may be encoded in parallel.
    public var encodesBatchesIndependently: Bool { true }

    public func makeWriter(schema: Schema) -> any FormatWriter {
        JSONLinesWriter(schema: schema)
    }
}
