import SluiceSpec

/// A horizontal slice of the file: one column chunk per leaf column.
struct ParquetRowGroup: Sendable {
    var columns: [ParquetColumnChunk] = []
    var totalByteSize: Int64 = 0
    var numRows: Int64 = 0
    var fileOffset: Int64?
    var totalCompressedSize: Int64?
    var ordinal: Int16?

    init() {}

    init(from reader: inout ThriftCompactReader) throws(SluiceError) {
        var group = ParquetRowGroup()
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1: group.columns = try reader.readList { (reader) throws(SluiceError) in try ParquetColumnChunk(from: &reader) }
            case 2: group.totalByteSize = try reader.readI64()
            case 3: group.numRows = try reader.readI64()
            case 5: group.fileOffset = try reader.readI64()
            case 6: group.totalCompressedSize = try reader.readI64()
            case 7: group.ordinal = Int16(truncatingIfNeeded: try reader.readZigZag())
            default: try reader.skip(field.type)
            }
        }
        guard group.numRows >= 0 else { throw reader.corrupt("a row group has \(group.numRows) rows") }
        self = group
    }

    func write(to writer: inout ThriftCompactWriter) {
        writer.structList(1, columns) { writer, column in column.write(to: &writer) }
        writer.i64(2, totalByteSize)
        writer.i64(3, numRows)
        if let fileOffset { writer.i64(5, fileOffset) }
        if let totalCompressedSize { writer.i64(6, totalCompressedSize) }
        if let ordinal {
            writer.fieldHeader(7, .i16)
            writer.writeZigZag(Int64(ordinal))
        }
    }
}
