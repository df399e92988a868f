import SluiceSpec

/// The file footer: schema, row groups and key/value metadata.
struct ParquetFileMetaData: Sendable {
    var version: Int32 = 1
    var schema: [ParquetSchemaElement] = []
    var numRows: Int64 = 0
    var rowGroups: [ParquetRowGroup] = []
    var keyValueMetadata: [(key: String, value: String?)] = []
    var createdBy: String?
    /// Whether the footer declares column orders (each `TYPE_ORDER`): min/max statistics
    /// in `minValue`/`maxValue` are then ordered by logical type.
    var hasColumnOrders = false

    init() {}

    init(from reader: inout ThriftCompactReader) throws(SluiceError) {
        var meta = ParquetFileMetaData()
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1: meta.version = try reader.readI32()
            case 2: meta.schema = try reader.readList { (reader) throws(SluiceError) in try ParquetSchemaElement(from: &reader) }
            case 3: meta.numRows = try reader.readI64()
            case 4: meta.rowGroups = try reader.readList { (reader) throws(SluiceError) in try ParquetRowGroup(from: &reader) }
            case 5:
                meta.keyValueMetadata = try reader.readList { (reader) throws(SluiceError) in
                    var key = "", value: String?
                    try reader.readStruct { (reader, field) throws(SluiceError) in
                        switch field.id {
                        case 1: key = try reader.readString()
                        case 2: value = try reader.readString()
                        default: try reader.skip(field.type)
                        }
                    }
                    return (key, value)
                }
            case 6: meta.createdBy = try reader.readString()
            case 7:
                meta.hasColumnOrders = true
                try reader.skip(field.type)
            default: try reader.skip(field.type)
            }
        }
        guard !meta.schema.isEmpty else { throw reader.corrupt("the footer has no schema") }
        self = meta
    }

    func write(to writer: inout ThriftCompactWriter) {
        writer.i32(1, version)
        writer.structList(2, schema) { writer, element in element.write(to: &writer) }
        writer.i64(3, numRows)
        writer.structList(4, rowGroups) { writer, group in group.write(to: &writer) }
        if !keyValueMetadata.isEmpty {
            writer.structList(5, keyValueMetadata) { writer, pair in
                writer.string(1, pair.key)
                if let value = pair.value { writer.string(2, value) }
            }
        }
        if let createdBy { writer.string(6, createdBy) }
        if hasColumnOrders {
            // One TYPE_ORDER per leaf column: the statistics are ordered by logical type.
            let leaves = schema.filter { $0.numChildren == nil }.count
            writer.structList(7, Array(repeating: 0, count: leaves)) { writer, _ in writer.structField(1) { _ in } }
        }
    }
}
