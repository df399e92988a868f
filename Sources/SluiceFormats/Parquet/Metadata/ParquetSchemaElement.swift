import SluiceSpec

/// One node of the flattened schema tree in the footer (a group or a leaf column).
struct ParquetSchemaElement: Sendable, Equatable {
    var type: ParquetPhysicalType?
    var typeLength: Int32?
    var repetition: ParquetRepetition?
    var name: String
    var numChildren: Int32?
    var convertedType: ParquetConvertedType?
    var scale: Int32?
    var precision: Int32?
    var fieldID: Int32?
    var logicalType: ParquetLogicalType?

    init(name: String) {
        self.name = name
    }

    init(from reader: inout ThriftCompactReader) throws(SluiceError) {
        var element = ParquetSchemaElement(name: "")
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1: element.type = ParquetPhysicalType(rawValue: try reader.readI32())
            case 2: element.typeLength = try reader.readI32()
            case 3: element.repetition = ParquetRepetition(rawValue: try reader.readI32())
            case 4: element.name = try reader.readString()
            case 5: element.numChildren = try reader.readI32()
            case 6: element.convertedType = ParquetConvertedType(rawValue: try reader.readI32())
            case 7: element.scale = try reader.readI32()
            case 8: element.precision = try reader.readI32()
            case 9: element.fieldID = try reader.readI32()
            case 10: element.logicalType = try ParquetLogicalType(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        self = element
    }

    func write(to writer: inout ThriftCompactWriter) {
        if let type { writer.i32(1, type.rawValue) }
        if let typeLength { writer.i32(2, typeLength) }
        if let repetition { writer.i32(3, repetition.rawValue) }
        writer.string(4, name)
        if let numChildren { writer.i32(5, numChildren) }
        if let convertedType { writer.i32(6, convertedType.rawValue) }
        if let scale { writer.i32(7, scale) }
        if let precision { writer.i32(8, precision) }
        if let fieldID { writer.i32(9, fieldID) }
        if let logicalType { writer.structField(10) { logicalType.write(to: &$0) } }
    }
}
