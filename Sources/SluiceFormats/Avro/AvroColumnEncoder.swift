import SluiceEngine
import SluiceSpec

/// Encodes the values of one engine column as one field of an Avro record.
///
/// The field's schema may be the one Sluice derives (`AvroEngineMapping.avroSchema`) or one a
/// user gives: engine values are converted to it where the conversion is exact (tinyint,
/// smallint, int → int, long, float or double; bigint → long; float → float or double;
/// double → double or float; decimal → bytes or fixed decimal (rescaled to its scale);
/// string → string, bytes or an enum symbol; binary → bytes or fixed of its size; date →
/// int date; timestamps → long timestamp-millis/micros/nanos), and nulls need a union with `null`.
struct AvroColumnEncoder: Sendable {
    let name: String
    let schema: AvroSchema

    /// Checks that every value of `type` can be written as `schema`, before any row is.
    init(name: String, type: DataType, schema: AvroSchema) throws(SluiceError) {
        self.name = name
        self.schema = schema
        let target = schema.nullableBranch?.schema ?? schema.branches.first { !$0.isNull } ?? schema
        guard Self.accepts(type, target) else {
            throw SluiceError(.schemaMismatch, "column '\(name)' (\(type.sqlName)) cannot be written as Avro \(schema)",
                              hint: "cast the column, or change the field's type in avroSchema")
        }
    }

    private static func accepts(_ type: DataType, _ schema: AvroSchema) -> Bool {
        if decimalParts(schema.logicalType) != nil { return type.isDecimal || type.isIntegral }
        switch (type, schema) {
        case (.boolean, .boolean), (.int8, .int), (.int16, .int), (.int32, .int), (.date, .int): return true
        case (_, .long): return type.isIntegral || type.isTimestamp
        case (_, .float), (_, .double): return type.isIntegral || type == .float32 || type == .float64 || (type.isDecimal && schema.typeName == "double")
        case (.string, .string), (.string, .bytes), (.string, .enumeration), (.binary, .bytes), (.binary, .fixed), (.decimal, .string): return true
        case (.struct, .record), (.array, .array), (.map, .map): return true
        default: return false
        }
    }

    /// The precision and scale of a `decimal` logical type.
    static func decimalParts(_ logical: AvroLogicalType?) -> (precision: Int, scale: Int)? {
        if case .decimal(let precision, let scale)? = logical { return (precision, scale) }
        return nil
    }

    /// Encodes row `row` of `column`.
    func encode(_ column: Column, row: Int, into encoder: inout AvroBinaryEncoder) throws(SluiceError) {
        // Strings are copied as bytes, without making a String.
        if case .string(let strings) = column.storage, !column.isNull(row) {
            switch schema {
            case .string, .bytes:
                return encoder.writeBytes(strings.utf8(at: row))
            case .union(let branches):
                if let branch = branches.firstIndex(where: { !$0.isNull }), ["string", "bytes"].contains(branches[branch].typeName) {
                    encoder.writeLong(Int64(branch))
                    return encoder.writeBytes(strings.utf8(at: row))
                }
            default: break
            }
        }
        try encodeAny(column.value(at: row), as: schema, row: row, into: &encoder)
    }

    /// Encodes a value under a schema that may be a union (the branch is `null` for a null, the
    /// first other branch for a value).
    private func encodeAny(_ value: ScalarValue, as schema: AvroSchema, row: Int, into encoder: inout AvroBinaryEncoder) throws(SluiceError) {
        guard case .union(let branches) = schema else {
            guard !value.isNull else {
                throw SluiceError(.schemaMismatch, "column '\(name)' holds a null at row \(row + 1), but its Avro type \(schema) does not allow null",
                                  hint: "make the field a union with \"null\" in avroSchema, or filter the nulls out")
            }
            return try encode(value, as: schema, row: row, into: &encoder)
        }
        let branch = value.isNull ? branches.firstIndex { $0.isNull } : branches.firstIndex { !$0.isNull }
        guard let branch else {
            throw SluiceError(.schemaMismatch, "column '\(name)' holds \(value.isNull ? "a null" : "a value") at row \(row + 1) that no branch of \(schema) takes")
        }
        encoder.writeLong(Int64(branch))
        try encode(value, as: branches[branch], row: row, into: &encoder)
    }

    private func encode(_ value: ScalarValue, as schema: AvroSchema, row: Int, into encoder: inout AvroBinaryEncoder) throws(SluiceError) {
        switch (value, schema) {
        case (.null, .null): break
        case (.struct(let values), .record(let record)):
            guard values.count == record.fields.count else {
                throw SluiceError(.schemaMismatch, "column '\(name)' has \(values.count) fields, but Avro record '\(record.name)' has \(record.fields.count)")
            }
            for (item, field) in zip(values, record.fields) { try encodeAny(item, as: field.type, row: row, into: &encoder) }
        case (.array(let items), .array(let itemSchema)):
            // One block of all the items, then the empty block that ends the array.
            if !items.isEmpty {
                encoder.writeLong(Int64(items.count))
                for item in items { try encodeAny(item, as: itemSchema, row: row, into: &encoder) }
            }
            encoder.writeLong(0)
        case (.map(let keys, let values), .map(let valueSchema)):
            if !keys.isEmpty {
                encoder.writeLong(Int64(keys.count))
                for (key, item) in zip(keys, values) {
                    guard case .string(let text) = key.cast(to: .string) else {
                        throw SluiceError(.schemaMismatch, "column '\(name)' has a null map key at row \(row + 1), which Avro maps cannot hold")
                    }
                    encoder.writeString(text)
                    try encodeAny(item, as: valueSchema, row: row, into: &encoder)
                }
            }
            encoder.writeLong(0)
        case (.boolean(let flag), .boolean): encoder.writeBoolean(flag)
        case (.int8(let v), _): try encode(.int32(Int32(v)), as: schema, row: row, into: &encoder)
        case (.int16(let v), _): try encode(.int32(Int32(v)), as: schema, row: row, into: &encoder)
        case (.float32(let v), .float): encoder.writeFloat(v)
        case (.float32(let v), .double): encoder.writeDouble(Double(v))
        case (.decimal(let v), .double): encoder.writeDouble(v.doubleValue)
        case (.decimal(let v), .string): encoder.writeString(v.description)
        case (_, .bytes(.decimal(let precision, let scale)?)):
            encoder.writeBytes(DecimalMath.bigEndianBytes(try fitted(value, precision: precision, scale: scale)))
        case (_, .fixed(let fixed)) where value.isDecimalLike && Self.decimalParts(fixed.logicalType) != nil:
            let (precision, scale) = Self.decimalParts(fixed.logicalType)!
            encoder.writeRaw(DecimalMath.bigEndianBytes(try fitted(value, precision: precision, scale: scale), size: fixed.size))
        case (.binary(let bytes), .bytes): encoder.writeBytes(bytes)
        case (.binary(let bytes), .fixed(let fixed)):
            guard bytes.count == fixed.size else {
                throw SluiceError(.schemaMismatch, "column '\(name)' holds \(bytes.count) bytes, but Avro fixed '\(fixed.name)' takes \(fixed.size)")
            }
            encoder.writeRaw(bytes)
        case (.timestampNTZ(let micros), .long): try encode(.timestamp(micros), as: schema, row: row, into: &encoder)
        case (.int32(let v), .int), (.date(let v), .int): encoder.writeInt(v)
        case (.int32(let v), .long): encoder.writeLong(Int64(v))
        case (.int32(let v), .float): encoder.writeFloat(Float(v))
        case (.int32(let v), .double): encoder.writeDouble(Double(v))
        case (.int64(let v), .long): encoder.writeLong(v)
        case (.int64(let v), .float): encoder.writeFloat(Float(v))
        case (.int64(let v), .double): encoder.writeDouble(Double(v))
        case (.float64(let v), .double): encoder.writeDouble(v)
        case (.float64(let v), .float): encoder.writeFloat(Float(v))
        case (.string(let text), .string), (.string(let text), .bytes): encoder.writeString(text)
        case (.string(let text), .enumeration(let enumeration)):
            guard let index = enumeration.symbols.firstIndex(of: text) else {
                throw SluiceError(.schemaMismatch, "column '\(name)' holds '\(text)', which is not a symbol of enum '\(enumeration.name)'",
                                  hint: "symbols: \(enumeration.symbols.joined(separator: ", "))")
            }
            encoder.writeInt(Int32(index))
        case (.timestamp(let micros), .long(let logical)):
            switch logical {
            case .timestampMillis, .localTimestampMillis: encoder.writeLong(micros >= 0 ? micros / 1000 : (micros - 999) / 1000)
            case .timestampNanos, .localTimestampNanos: encoder.writeLong(micros &* 1000)
            default: encoder.writeLong(micros)
            }
        default:
            throw SluiceError(.schemaMismatch, "column '\(name)': \(value) cannot be written as Avro \(schema)")
        }
    }

    /// A decimal or integer value's unscaled digits at the field's scale; an error when it does not fit.
    private func fitted(_ value: ScalarValue, precision: Int, scale: Int) throws(SluiceError) -> Int128 {
        guard case .decimal(let decimal) = value.cast(to: .decimal(precision: precision, scale: scale)) else {
            throw SluiceError(.schemaMismatch, "column '\(name)' holds \(value), which does not fit Avro decimal(\(precision),\(scale))",
                              hint: "raise the field's precision in avroSchema, or round the column first")
        }
        return decimal.unscaled
    }
}

extension ScalarValue {
    /// A decimal or an integer: a value an Avro decimal can take.
    fileprivate var isDecimalLike: Bool {
        switch self {
        case .decimal, .int8, .int16, .int32, .int64: true
        default: false
        }
    }
}
