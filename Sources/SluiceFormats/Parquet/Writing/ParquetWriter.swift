import SluiceEngine
import SluiceSpec

/// Writes one Parquet file: the magic bytes, row groups as they fill up, then the footer.
struct ParquetWriter: FormatWriter {
    /// Written into every footer's `created_by`.
    static let createdBy = "sluice version 0.1.0"

    private let schema: Schema
    private let options: ParquetWriteOptions
    private var columns: [ColumnChunkWriter]
    private var metadata = ParquetFileMetaData()
    private var offset: Int64 = 0
    private var openRows: Int64 = 0

    init(schema: Schema, options: ParquetWriteOptions) {
        self.schema = schema
        self.options = options
        columns = schema.fields.map { ColumnChunkWriter(field: $0, options: options) }
        var root = ParquetSchemaElement(name: "schema")
        root.numChildren = Int32(schema.fields.count)
        metadata.schema = [root] + columns.map(\.element)
        metadata.createdBy = Self.createdBy
        metadata.hasColumnOrders = true
    }

    mutating func header() -> [UInt8] {
        offset = 4
        return ParquetFooter.magic
    }

    mutating func encode(_ batch: RecordBatch) throws -> [UInt8] {
        try appendInParallel(batch)
        openRows += Int64(batch.rowCount)
        guard bufferedBytes >= options.rowGroupBytes else { return [] }
        return try closeRowGroup()
    }

    var bufferedBytes: Int { columns.reduce(0) { $0 + $1.bufferedBytes } }

    mutating func flush() throws -> [UInt8] {
        openRows > 0 ? try closeRowGroup() : []
    }

    mutating func footer() throws -> [UInt8] {
        var output = openRows > 0 ? try closeRowGroup() : []
        let footer = ThriftCompactWriter.encode { metadata.write(to: &$0) }
        output += footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { output.append(contentsOf: $0) }
        output += ParquetFooter.magic
        return output
    }

    /// Encodes each column of `batch` into its chunk, the columns on several cores at once
    /// (each chunk writer is independent of the others).
    private mutating func appendInParallel(_ batch: RecordBatch) throws(SluiceError) {
        try ParallelUpdate.each(&columns) { (index, writer) throws(SluiceError) in
            try writer.append(batch.columns[index])
        }
    }

    /// The open row group's column chunks, one after another, recorded in the footer.
    private mutating func closeRowGroup() throws(SluiceError) -> [UInt8] {
        var output: [UInt8] = []
        var group = ParquetRowGroup()
        group.numRows = openRows
        group.fileOffset = offset
        for index in columns.indices {
            let (bytes, chunk) = try columns[index].finish(at: offset + Int64(output.count))
            output += bytes
            group.columns.append(chunk)
            group.totalByteSize += chunk.metaData!.totalUncompressedSize
        }
        group.totalCompressedSize = Int64(output.count)
        group.ordinal = Int16(truncatingIfNeeded: metadata.rowGroups.count)
        metadata.rowGroups.append(group)
        metadata.numRows += openRows
        offset += Int64(output.count)
        openRows = 0
        return output
    }
}
