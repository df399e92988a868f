import SluiceEngine
import SluiceSpec

/// Writes one Parquet file: the magic bytes, row groups as they fill up, then the footer.
/// A flat field is one column chunk; a nested field is shredded into one chunk per leaf.
struct ParquetWriter: FormatWriter {
    /// Written into every footer's `created_by`.
    static let createdBy = "sluice version 0.1.0"

    private let schema: Schema
    private let options: ParquetWriteOptions
    private var columns: [ColumnChunkWriter]
    /// Per field: its shredder when nested, and the range of its leaves' writers in `columns`.
    private var shredders: [NestedShredder?] = []
    private var leafRanges: [Range<Int>] = []
    private var metadata = ParquetFileMetaData()
    private var offset: Int64 = 0
    private var openRows: Int64 = 0

    init(schema: Schema, options: ParquetWriteOptions) {
        self.schema = schema
        self.options = options
        var root = ParquetSchemaElement(name: "schema")
        root.numChildren = Int32(schema.fields.count)
        metadata.schema = [root]
        columns = []
        for field in schema.fields {
            let start = columns.count
            if field.type.isNested {
                let layout = ParquetNestedLayout(field)
                metadata.schema += layout.elements
                columns += layout.leaves.map {
                    ColumnChunkWriter(leaf: $0.field, element: $0.element, path: $0.path, maxDefinition: $0.maxDefinition,
                                      maxRepetition: $0.maxRepetition, options: options)
                }
                shredders.append(NestedShredder(layout: layout))
            } else {
                let writer = ColumnChunkWriter(field: field, options: options)
                metadata.schema.append(writer.element)
                columns.append(writer)
                shredders.append(nil)
            }
            leafRanges.append(start..<columns.count)
        }
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
        // Nested fields are shredded first; then every leaf writer encodes on its own.
        var shredded: [Int: (values: Column, repetition: [UInt32], definition: [UInt32])] = [:]
        var flat: [Int: Column] = [:]
        for (field, range) in leafRanges.enumerated() {
            if shredders[field] != nil {
                shredders[field]!.shred(batch.columns[field])
                for (offset, output) in shredders[field]!.finish().enumerated() { shredded[range.lowerBound + offset] = output }
            } else {
                flat[range.lowerBound] = batch.columns[field]
            }
        }
        let leaves = shredded, columnsByLeaf = flat
        try ParallelUpdate.each(&columns) { (index, writer) throws(SluiceError) in
            if let column = columnsByLeaf[index] {
                try writer.append(column)
            } else if let leaf = leaves[index] {
                try writer.append(values: leaf.values, repetition: leaf.repetition, definition: leaf.definition)
            }
        }
    }

    /// The open row group's column chunks, one after another, recorded in the footer.
    private mutating func closeRowGroup() throws(SluiceError) -> [UInt8] {
        var group = ParquetRowGroup()
        group.numRows = openRows
        group.fileOffset = offset
        // Each chunk's bytes do not depend on where it starts, so they are gathered first and
        // copied once into an output of the exact size.
        var pieces: [[UInt8]] = []
        var size = 0
        for index in columns.indices {
            let (bytes, chunk) = try columns[index].finish(at: offset + Int64(size))
            pieces.append(bytes)
            size += bytes.count
            group.columns.append(chunk)
            group.totalByteSize += chunk.metaData!.totalUncompressedSize
        }
        var output: [UInt8] = []
        output.reserveCapacity(size)
        for piece in pieces { output += piece }
        group.totalCompressedSize = Int64(output.count)
        group.ordinal = Int16(truncatingIfNeeded: metadata.rowGroups.count)
        metadata.rowGroups.append(group)
        metadata.numRows += openRows
        offset += Int64(output.count)
        openRows = 0
        return output
    }
}
