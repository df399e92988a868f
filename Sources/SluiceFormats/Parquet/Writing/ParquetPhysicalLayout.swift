import SluiceEngine

/// How an engine type is stored in Parquet: physical type and annotations.
enum ParquetPhysicalLayout {
    static func element(for field: Field) -> ParquetSchemaElement {
        var element = ParquetSchemaElement(name: field.name)
        // Always OPTIONAL: a column the engine calls non-nullable may still carry nulls (a
        // missing column filled in, a later file without it), and a REQUIRED column cannot.
        element.repetition = .optional
        switch field.type {
        case .boolean: element.type = .boolean
        case .int32: element.type = .int32
        case .int64: element.type = .int64
        case .float64: element.type = .double
        case .string:
            element.type = .byteArray
            element.convertedType = .utf8
            element.logicalType = .string
        case .date:
            element.type = .int32
            element.convertedType = .date
            element.logicalType = .date
        case .timestamp:
            element.type = .int64
            element.convertedType = .timestampMicros
            element.logicalType = .timestamp(adjustedToUTC: true, unit: .micros)
        }
        return element
    }
}
