import SluiceEngine
import SluiceSpec

/// How a Parquet column becomes an engine column: the engine type and the conversion of
/// the decoded physical values.
enum ParquetTypeMapping {
    /// The conversions between decoded values and engine storage.
    enum Conversion: Sendable {
        case identity
        case floatToDouble
        case uint32ToInt64
        case uint64ToDecimal
        /// Decimals: unscaled INT32, INT64 or big-endian two's-complement bytes.
        case decimal
        /// TIME values to microseconds after midnight.
        case timeMillis, timeNanos
        /// Scales a timestamp to microseconds by multiplying (millis) or dividing (nanos).
        case timestampMillis, timestampNanos
        case float16ToDouble
        case uuidText
        /// A nested field (struct, list, map, repeated), rebuilt from its leaves.
        case nested
    }

    /// The engine type and conversion for a flat field's `leaf`, or why the engine cannot hold
    /// it. (Nested fields take their type from `ParquetNestedTypes`.)
    static func mapping(for field: ParquetTopField, leaf: ParquetLeaf) -> Result<(DataType, Conversion), SluiceError> {
        leafMapping(leaf.element, name: field.name)
    }

    /// The engine type and conversion of the values of a leaf element.
    static func leafMapping(_ element: ParquetSchemaElement, name: String) -> Result<(DataType, Conversion), SluiceError> {
        let logical = element.logicalType ?? legacyLogicalType(element)
        switch (element.type!, logical) {
        case (_, .decimal(let precision, let scale)?):
            guard precision >= 1, precision <= Int32(DataType.maxDecimalPrecision), scale >= 0, scale <= precision else {
                return .failure(unsupported(name, "decimal(\(precision),\(scale))"))
            }
            return .success((.decimal(precision: Int(precision), scale: Int(scale)), .decimal))
        case (.boolean, _): return .success((.boolean, .identity))
        case (.int32, .date?): return .success((.date, .identity))
        case (.int32, .integer(8, true)?): return .success((.int8, .identity))
        case (.int32, .integer(16, true)?): return .success((.int16, .identity))
        case (.int32, .integer(8, false)?): return .success((.int16, .identity))
        case (.int32, .integer(16, false)?): return .success((.int32, .identity))
        case (.int32, .integer(32, false)?): return .success((.int64, .uint32ToInt64))
        case (.int32, .time?): return .success((.int64, .timeMillis))
        case (.int32, _): return .success((.int32, .identity))
        case (.int64, .timestamp(let utc, let unit)?):
            return .success((utc ? .timestamp : .timestampNTZ, unit == .millis ? .timestampMillis : unit == .nanos ? .timestampNanos : .identity))
        case (.int64, .integer(64, false)?): return .success((.decimal(precision: 20, scale: 0), .uint64ToDecimal))
        case (.int64, .time(_, let unit)?): return .success((.int64, unit == .nanos ? .timeNanos : .identity))
        case (.int64, _): return .success((.int64, .identity))
        case (.int96, _): return .success((.timestamp, .identity))
        case (.float, _): return .success((.float32, .floatToDouble))
        case (.double, _): return .success((.float64, .identity))
        case (.fixedLenByteArray, .uuid?): return .success((.string, .uuidText))
        case (.fixedLenByteArray, .float16?): return .success((.float32, .float16ToDouble))
        case (.byteArray, .string?), (.byteArray, .enumeration?), (.byteArray, .json?):
            return .success((.string, .identity))
        case (.byteArray, _), (.fixedLenByteArray, _):
            // Unannotated bytes (and BSON) are binary, as Spark reads them.
            return .success((.binary, .identity))
        }
    }

    /// The logical type implied by a legacy `ConvertedType`, for files that set only that.
    static func legacyLogicalType(_ element: ParquetSchemaElement) -> ParquetLogicalType? {
        switch element.convertedType {
        case .utf8?: .string
        case .enumeration?: .enumeration
        case .json?: .json
        case .date?: .date
        case .decimal?: .decimal(precision: element.precision ?? 0, scale: element.scale ?? 0)
        case .timeMillis?: .time(adjustedToUTC: true, unit: .millis)
        case .timeMicros?: .time(adjustedToUTC: true, unit: .micros)
        case .timestampMillis?: .timestamp(adjustedToUTC: true, unit: .millis)
        case .timestampMicros?: .timestamp(adjustedToUTC: true, unit: .micros)
        case .uint8?: .integer(bitWidth: 8, signed: false)
        case .uint16?: .integer(bitWidth: 16, signed: false)
        case .uint32?: .integer(bitWidth: 32, signed: false)
        case .uint64?: .integer(bitWidth: 64, signed: false)
        case .int8?: .integer(bitWidth: 8, signed: true)
        case .int16?: .integer(bitWidth: 16, signed: true)
        case .int32?: .integer(bitWidth: 32, signed: true)
        case .int64?: .integer(bitWidth: 64, signed: true)
        default: nil
        }
    }

    private static func unsupported(_ name: String, _ type: String) -> SluiceError {
        SluiceError(.unsupported, "column '\(name)' is \(type), which this version of Sluice cannot read from Parquet",
                    hint: "select the other columns (later steps that do not use '\(name)' let the scan skip it)")
    }
}
