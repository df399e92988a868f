import SluiceEngine

/// How an engine type is stored in Parquet: physical type and annotations, and the
/// conversion of a column to the buffers the encoders write.
///
/// Decimals are stored as Spark stores them: INT32 up to 9 digits, INT64 up to 18, and a
/// FIXED_LEN_BYTE_ARRAY of the fewest bytes that hold the precision beyond that.
enum ParquetPhysicalLayout {
    static func element(for field: Field) -> ParquetSchemaElement {
        var element = ParquetSchemaElement(name: field.name)
        // Always OPTIONAL: a column the engine calls non-nullable may still carry nulls (a
        // missing column filled in, a later file without it), and a REQUIRED column cannot.
        element.repetition = .optional
        switch field.type {
        case .boolean: element.type = .boolean
        case .int8:
            element.type = .int32
            element.convertedType = .int8
            element.logicalType = .integer(bitWidth: 8, signed: true)
        case .int16:
            element.type = .int32
            element.convertedType = .int16
            element.logicalType = .integer(bitWidth: 16, signed: true)
        case .int32: element.type = .int32
        case .int64: element.type = .int64
        case .float32: element.type = .float
        case .float64: element.type = .double
        case .decimal(let precision, let scale):
            element.type = precision <= 9 ? .int32 : precision <= 18 ? .int64 : .fixedLenByteArray
            if precision > 18 { element.typeLength = Int32(DecimalMath.byteCount(precision: precision)) }
            element.convertedType = .decimal
            element.precision = Int32(precision)
            element.scale = Int32(scale)
            element.logicalType = .decimal(precision: Int32(precision), scale: Int32(scale))
        case .string:
            element.type = .byteArray
            element.convertedType = .utf8
            element.logicalType = .string
        case .binary: element.type = .byteArray
        case .date:
            element.type = .int32
            element.convertedType = .date
            element.logicalType = .date
        case .timestamp:
            element.type = .int64
            element.convertedType = .timestampMicros
            element.logicalType = .timestamp(adjustedToUTC: true, unit: .micros)
        case .timestampNTZ:
            // No converted type: TIMESTAMP_MICROS would mean adjusted to UTC.
            element.type = .int64
            element.logicalType = .timestamp(adjustedToUTC: false, unit: .micros)
        case .array, .map, .struct:
            preconditionFailure("nested fields are laid out by ParquetNestedLayout")
        }
        return element
    }

    /// `column` in the buffer its physical type is written from: decimals become INT32,
    /// INT64 or fixed-size big-endian bytes; every other column is returned as it is.
    static func physical(_ column: Column, element: ParquetSchemaElement) -> Column {
        guard case .decimal(let values) = column.storage else { return column }
        switch element.type {
        case .int32?:
            return Column(dataType: .int32, storage: .int32(values.map { Int32(truncatingIfNeeded: $0) }), validity: column.validity)
        case .int64?:
            return Column(dataType: .int64, storage: .int64(values.map { Int64(truncatingIfNeeded: $0) }), validity: column.validity)
        default:
            let size = Int(element.typeLength ?? 16)
            var bytes = StringStorage(capacity: values.count)
            bytes.reserve(values: values.count, bytes: values.count * size)
            for value in values { bytes.append(utf8: DecimalMath.bigEndianBytes(value, size: size)) }
            return Column(dataType: .binary, storage: .string(bytes), validity: column.validity)
        }
    }
}
