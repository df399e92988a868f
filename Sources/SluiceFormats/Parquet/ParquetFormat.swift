import Foundation
import SluiceEngine
import SluiceSpec

/// Apache Parquet files: columnar, compressed, typed; read in parallel by row group and
/// written with dictionary encoding, statistics and the configured compression.
public struct ParquetFormat: FileFormat {
    public var options: ParquetWriteOptions

    public init(options: ParquetWriteOptions = ParquetWriteOptions()) {
        self.options = options
    }

    public var name: String { "parquet" }
    public var fileExtension: String { "parquet" }
    /// Each file carries its schema: the first file's is the dataset's; other files are read
    /// into it by column name (missing columns as nulls, other types cast).
    public var schemaFromFirstFile: Bool { true }

    public func inferSchema(of data: Data, file: String) throws -> Schema {
        try inferSchema(of: data, file: file, columns: nil)
    }

    /// The file's schema. A column the engine cannot hold is an error only when it is
    /// requested; otherwise it stands as a string column that is never read.
    public func inferSchema(of data: Data, file: String, columns: Set<String>?) throws -> Schema {
        let footer = try ParquetFooter(data, file: file)
        var fields: [Field] = []
        for (index, field) in footer.schema.fields.enumerated() {
            let leaf = footer.schema.leaves[field.leaves.lowerBound]
            let mapped = field.isFlat || index >= footer.trees.count
                ? ParquetTypeMapping.mapping(for: field, leaf: leaf).map(\.0)
                : ParquetNestedTypes.type(of: footer.trees[index])
            switch mapped {
            case .success(let type):
                fields.append(Field(field.name, type, nullable: field.element.repetition != .required))
            case .failure(let error):
                if columns == nil || columns!.contains(field.name.lowercased()) {
                    var located = error
                    located.message = "'\(file)': \(error.message)"
                    throw located
                }
                fields.append(Field(field.name, .string))
            }
        }
        return Schema(fields)
    }

    public func read(_ data: Data, file: String, schema: Schema) -> RecordBatchStream {
        read(data, file: file, schema: schema, columns: nil)
    }

    public func read(_ data: Data, file: String, schema: Schema, columns: Set<String>?) -> RecordBatchStream {
        read(data, file: file, schema: schema, columns: columns, predicates: [])
    }

    /// Only the requested columns are decoded, and only the row groups whose statistics allow
    /// a row satisfying `predicates`; a column of `schema` that this file lacks reads as nulls.
    public func read(_ data: Data, file: String, schema: Schema, columns: Set<String>?,
                     predicates: [ScanPredicate]) -> RecordBatchStream {
        let output = Schema(schema.fields.filter { columns?.contains($0.name.lowercased()) ?? true })
        return RecordBatchStream(schema: output) {
            let scan = LazyParquetScan { () throws -> ParquetFileScan in
                let footer = try ParquetFooter(data, file: file)
                let sources = try output.fields.map { field throws -> ParquetRowGroupReader.Source in
                    guard let fieldIndex = footer.schema.fields.firstIndex(where: { $0.name.lowercased() == field.name.lowercased() }) else {
                        return .missing
                    }
                    let top = footer.schema.fields[fieldIndex]
                    if !top.isFlat { return .nested(fieldIndex: fieldIndex) }
                    let leafIndex = top.leaves.lowerBound
                    let (type, conversion) = try ParquetTypeMapping.mapping(for: top, leaf: footer.schema.leaves[leafIndex]).get()
                    return .leaf(index: leafIndex, field: top, type: type, conversion: conversion)
                }
                let reader = ParquetRowGroupReader(data: data, file: file, footer: footer, output: output, sources: sources)
                return ParquetFileScan(reader: reader, groups: RowGroupSkipping.groups(footer, predicates: predicates))
            }
            return { try await scan.nextBatch() }
        }
    }

    public func makeWriter(schema: Schema) -> any FormatWriter {
        ParquetWriter(schema: schema, options: options)
    }
}

/// Builds a file's scan on the first pull, so that opening a stream does no work and errors
/// surface where batches are read.
private final class LazyParquetScan: @unchecked Sendable {
    private let build: () throws -> ParquetFileScan
    private var scan: ParquetFileScan?

    init(_ build: @escaping () throws -> ParquetFileScan) {
        self.build = build
    }

    func nextBatch() async throws -> RecordBatch? {
        if scan == nil { scan = try build() }
        return try await scan!.nextBatch()
    }
}
