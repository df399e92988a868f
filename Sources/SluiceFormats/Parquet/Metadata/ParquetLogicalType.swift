import SluiceSpec

/// The unit of a TIME or TIMESTAMP logical type.
enum ParquetTimeUnit: Sendable, Equatable {
    case millis, micros, nanos
}

/// A logical type annotation (the `LogicalType` union of the format).
enum ParquetLogicalType: Sendable, Equatable {
    case string
    case map
    case list
    case enumeration
    case decimal(precision: Int32, scale: Int32)
    case date
    case time(adjustedToUTC: Bool, unit: ParquetTimeUnit)
    case timestamp(adjustedToUTC: Bool, unit: ParquetTimeUnit)
    case integer(bitWidth: Int8, signed: Bool)
    case unknown
    case json
    case bson
    case uuid
    case float16
    /// An annotation this reader does not interpret (variant, geometry, ...), by union field id.
    case other(Int16)

    init(from reader: inout ThriftCompactReader) throws(SluiceError) {
        var result = ParquetLogicalType.other(0)
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1: result = .string
            case 2: result = .map
            case 3: result = .list
            case 4: result = .enumeration
            case 5:
                var precision: Int32 = 0, scale: Int32 = 0
                try reader.readStruct { (reader, field) throws(SluiceError) in
                    switch field.id {
                    case 1: scale = try reader.readI32()
                    case 2: precision = try reader.readI32()
                    default: try reader.skip(field.type)
                    }
                }
                result = .decimal(precision: precision, scale: scale)
                return
            case 6: result = .date
            case 7, 8:
                var utc = false, unit = ParquetTimeUnit.millis
                try reader.readStruct { (reader, inner) throws(SluiceError) in
                    switch inner.id {
                    case 1: utc = reader.readBool(inner)
                    case 2: unit = try Self.readUnit(&reader)
                    default: try reader.skip(inner.type)
                    }
                }
                result = field.id == 7 ? .time(adjustedToUTC: utc, unit: unit) : .timestamp(adjustedToUTC: utc, unit: unit)
                return
            case 10:
                var width: Int8 = 0, signed = true
                try reader.readStruct { (reader, inner) throws(SluiceError) in
                    switch inner.id {
                    case 1: width = Int8(truncatingIfNeeded: try reader.readByte())
                    case 2: signed = reader.readBool(inner)
                    default: try reader.skip(inner.type)
                    }
                }
                result = .integer(bitWidth: width, signed: signed)
                return
            case 11: result = .unknown
            case 12: result = .json
            case 13: result = .bson
            case 14: result = .uuid
            case 15: result = .float16
            default: result = .other(field.id)
            }
            try reader.skip(field.type)
        }
        self = result
    }

    private static func readUnit(_ reader: inout ThriftCompactReader) throws(SluiceError) -> ParquetTimeUnit {
        var unit = ParquetTimeUnit.millis
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 2: unit = .micros
            case 3: unit = .nanos
            default: unit = .millis
            }
            try reader.skip(field.type)
        }
        return unit
    }

    /// Writes the union; only the annotations Sluice writes are supported.
    func write(to writer: inout ThriftCompactWriter) {
        switch self {
        case .string: writer.structField(1) { _ in }
        case .date: writer.structField(6) { _ in }
        case .timestamp(let utc, let unit):
            writer.structField(8) { writer in
                writer.bool(1, utc)
                writer.structField(2) { writer in
                    writer.structField(unit == .millis ? 1 : unit == .micros ? 2 : 3) { _ in }
                }
            }
        case .integer(let width, let signed):
            writer.structField(10) { writer in
                writer.fieldHeader(1, .byte)
                writer.writeByte(UInt8(bitPattern: width))
                writer.bool(2, signed)
            }
        case .decimal(let precision, let scale):
            writer.structField(5) { writer in
                writer.i32(1, scale)
                writer.i32(2, precision)
            }
        default: preconditionFailure("Sluice does not write the \(self) annotation")
        }
    }
}
