import Foundation
import SluiceSpec

/// The footer of a Parquet file, parsed: metadata and the schema tree.
struct ParquetFooter: Sendable {
    static let magic: [UInt8] = Array("PAR1".utf8)

    let metadata: ParquetFileMetaData
    let schema: ParquetSchema
    /// The schema as trees, one per top-level field (for nested fields' record assembly).
    let trees: [ParquetNode]

    /// Parses the footer at the end of `data`; every inconsistency is an error naming the file.
    init(_ data: Data, file: String) throws(SluiceError) {
        let outcome = data.withUnsafeBytes { bytes in
            Result { () throws(SluiceError) -> ParquetFileMetaData in try Self.parse(bytes, file: file) }
        }
        metadata = try outcome.get()
        schema = try ParquetSchema(metadata.schema, file: file)
        trees = ParquetNode.trees(metadata.schema)
        try validate(file: file, size: data.count)
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws(SluiceError) -> ParquetFileMetaData {
        let size = bytes.count
        guard size >= 12 else { throw notParquet(file, "it is only \(size) bytes long") }
        let tail = Array(bytes[(size - 4)...])
        if tail == Array("PARE".utf8) {
            throw SluiceError(.unsupported, "'\(file)' is an encrypted Parquet file, which Sluice does not read")
        }
        guard tail == magic else { throw notParquet(file, "it does not end with the Parquet magic bytes") }
        guard Array(bytes[0..<4]) == magic else { throw notParquet(file, "it does not start with the Parquet magic bytes") }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: size - 8, as: UInt32.self)))
        guard length > 0, length <= size - 12 else {
            throw SluiceError(.malformedData, "'\(file)' has a Parquet footer length of \(length) bytes in a file of \(size) bytes",
                              hint: "the file is truncated or damaged; re-create it from its source")
        }
        let start = size - 8 - length
        var reader = ThriftCompactReader(UnsafeRawBufferPointer(rebasing: bytes[start..<(size - 8)]), baseOffset: start)
        do {
            return try ParquetFileMetaData(from: &reader)
        } catch {
            throw SluiceError(.malformedData, "'\(file)': \(error.message)", hint: "the file is truncated or damaged; re-create it from its source")
        }
    }

    /// Row groups must have one chunk per leaf, with metadata, inside the file.
    private func validate(file: String, size: Int) throws(SluiceError) {
        for (index, group) in metadata.rowGroups.enumerated() {
            guard group.columns.count == schema.leaves.count, group.columns.allSatisfy({ $0.metaData != nil }) else {
                throw SluiceError(.malformedData, "'\(file)' row group \(index) has \(group.columns.count) column chunks for \(schema.leaves.count) columns")
            }
            // Every row holds at least one value entry in each column: a larger row count is
            // corrupt, and would size allocations from a number the file made up.
            let entries = group.columns.compactMap { $0.metaData?.numValues }.max() ?? 0
            guard group.numRows <= max(entries, 0) || (group.numRows == 0) else {
                throw SluiceError(.malformedData, "'\(file)' row group \(index) claims \(group.numRows) rows but its columns hold \(entries) values")
            }
            if let external = group.columns.first(where: { $0.filePath != nil })?.filePath {
                throw SluiceError(.unsupported, "'\(file)' keeps its column data in another file ('\(external)'), which Sluice does not read")
            }
        }
    }

    private static func notParquet(_ file: String, _ why: String) -> SluiceError {
        SluiceError(.malformedData, "'\(file)' is not a Parquet file: \(why)",
                    hint: "check the path and the `format` key; a truncated file also looks like this")
    }
}
