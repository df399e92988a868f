import SluiceSpec

/// Encodes and decodes `AvroValue`s in Avro's binary encoding, for every type of the
/// specification. Arrays and maps are written as one block then the end marker; both the
/// plain and the sized (negative count) block forms are read.
public enum AvroValueCodec {
    /// The encoding of `value` under `schema`.
    public static func encode(_ value: AvroValue, as schema: AvroSchema) throws(SluiceError) -> [UInt8] {
        var encoder = AvroBinaryEncoder()
        try encode(value, as: schema, into: &encoder)
        return encoder.bytes
    }

    /// The value encoded at the start of `bytes` under `schema`; trailing bytes are an error.
    public static func decode(_ bytes: [UInt8], as schema: AvroSchema) throws(SluiceError) -> AvroValue {
        var decoder = AvroBinaryDecoder(bytes)
        let value = try decode(schema, from: &decoder)
        guard decoder.isAtEnd else { throw decoder.malformed("\(bytes.count - decoder.position) bytes follow the value") }
        return value
    }

    public static func encode(_ value: AvroValue, as schema: AvroSchema, into encoder: inout AvroBinaryEncoder) throws(SluiceError) {
        switch (schema, value) {
        case (.null, .null): break
        case (.boolean, .boolean(let flag)): encoder.writeBoolean(flag)
        case (.int, .int(let int)): encoder.writeInt(int)
        case (.long, .long(let long)): encoder.writeLong(long)
        case (.float, .float(let float)): encoder.writeFloat(float)
        case (.double, .double(let double)): encoder.writeDouble(double)
        case (.bytes, .bytes(let bytes)): encoder.writeBytes(bytes)
        case (.string, .string(let text)): encoder.writeString(text)
        case (.fixed(let fixed), .fixed(let bytes)):
            guard bytes.count == fixed.size else { throw mismatch(value, schema, "it has \(bytes.count) bytes, not \(fixed.size)") }
            encoder.writeRaw(bytes)
        case (.enumeration(let enumeration), .enumeration(let symbol)):
            guard let index = enumeration.symbols.firstIndex(of: symbol) else { throw mismatch(value, schema, "not one of its symbols") }
            encoder.writeInt(Int32(index))
        case (.array(let items), .array(let elements)):
            if !elements.isEmpty {
                encoder.writeLong(Int64(elements.count))
                for element in elements { try encode(element, as: items, into: &encoder) }
            }
            encoder.writeLong(0)
        case (.map(let valueSchema), .map(let entries)):
            if !entries.isEmpty {
                encoder.writeLong(Int64(entries.count))
                for key in entries.keys.sorted() {
                    encoder.writeString(key)
                    try encode(entries[key]!, as: valueSchema, into: &encoder)
                }
            }
            encoder.writeLong(0)
        case (.record(let record), .record(let values)):
            guard values.count == record.fields.count else {
                throw mismatch(value, schema, "it has \(values.count) values for \(record.fields.count) fields")
            }
            for (field, fieldValue) in zip(record.fields, values) { try encode(fieldValue, as: field.type, into: &encoder) }
        case (.union(let branches), .union(let branch, let inner)):
            guard branches.indices.contains(branch) else { throw mismatch(value, schema, "the union has no branch \(branch)") }
            encoder.writeLong(Int64(branch))
            try encode(inner, as: branches[branch], into: &encoder)
        default:
            throw mismatch(value, schema, "the kinds differ")
        }
    }

    private static func mismatch(_ value: AvroValue, _ schema: AvroSchema, _ why: String) -> SluiceError {
        SluiceError(.invalidValue, "cannot encode \(value) as Avro \(schema): \(why)")
    }

    public static func decode(_ schema: AvroSchema, from decoder: inout AvroBinaryDecoder) throws(SluiceError) -> AvroValue {
        switch schema {
        case .null: return .null
        case .boolean: return .boolean(try decoder.readBoolean())
        case .int: return .int(try decoder.readInt())
        case .long: return .long(try decoder.readLong())
        case .float: return .float(try decoder.readFloat())
        case .double: return .double(try decoder.readDouble())
        case .bytes: return .bytes(try decoder.readBytes())
        case .string: return .string(try decoder.readString())
        case .fixed(let fixed): return .fixed(try decoder.readFixed(fixed.size))
        case .enumeration(let enumeration):
            let index = try decoder.readInt()
            guard enumeration.symbols.indices.contains(Int(index)) else {
                throw decoder.malformed("enum '\(enumeration.name)' has no symbol \(index)")
            }
            return .enumeration(enumeration.symbols[Int(index)])
        case .array(let items):
            return try decodeArray(from: &decoder) { (decoder) throws(SluiceError) in try decode(items, from: &decoder) }
        case .map(let valueSchema):
            return try decodeMap(from: &decoder) { (decoder) throws(SluiceError) in try decode(valueSchema, from: &decoder) }
        case .record(let record):
            return try decoder.nested { (decoder) throws(SluiceError) in
                var values: [AvroValue] = []
                values.reserveCapacity(record.fields.count)
                for field in record.fields { values.append(try decode(field.type, from: &decoder)) }
                return .record(values)
            }
        case .union(let branches):
            let branch = try unionBranch(branches.count, from: &decoder)
            return .union(branch: branch, try decode(branches[branch], from: &decoder))
        }
    }

    /// An array whose items `element` decodes.
    static func decodeArray(from decoder: inout AvroBinaryDecoder,
                            _ element: (inout AvroBinaryDecoder) throws(SluiceError) -> AvroValue) throws(SluiceError) -> AvroValue {
        var elements: [AvroValue] = []
        try decoder.readItems { (decoder) throws(SluiceError) in elements.append(try element(&decoder)) }
        return .array(elements)
    }

    /// A map whose values `value` decodes.
    static func decodeMap(from decoder: inout AvroBinaryDecoder,
                          _ value: (inout AvroBinaryDecoder) throws(SluiceError) -> AvroValue) throws(SluiceError) -> AvroValue {
        var entries: [String: AvroValue] = [:]
        try decoder.readItems { (decoder) throws(SluiceError) in
            let key = try decoder.readString()
            entries[key] = try value(&decoder)
        }
        return .map(entries)
    }

    /// Reads a union's branch position and checks it.
    static func unionBranch(_ count: Int, from decoder: inout AvroBinaryDecoder) throws(SluiceError) -> Int {
        let branch = try decoder.readLong()
        guard branch >= 0, branch < count else { throw decoder.malformed("a union has no branch \(branch)") }
        return Int(branch)
    }

    /// Moves past one value of `schema` without building it (a writer's field the reader ignores).
    public static func skip(_ schema: AvroSchema, in decoder: inout AvroBinaryDecoder) throws(SluiceError) {
        switch schema {
        case .null: break
        case .boolean: _ = try decoder.readRange(1)
        case .int, .long, .enumeration: _ = try decoder.readLong()
        case .float: _ = try decoder.readRange(4)
        case .double: _ = try decoder.readRange(8)
        case .bytes, .string: _ = try decoder.readLengthPrefixed()
        case .fixed(let fixed): _ = try decoder.readRange(fixed.size)
        case .array(let items):
            try decoder.readItems { (decoder) throws(SluiceError) in try skip(items, in: &decoder) }
        case .map(let values):
            try decoder.readItems { (decoder) throws(SluiceError) in
                _ = try decoder.readLengthPrefixed()
                try skip(values, in: &decoder)
            }
        case .record(let record):
            try decoder.nested { (decoder) throws(SluiceError) in
                for field in record.fields { try skip(field.type, in: &decoder) }
            }
        case .union(let branches):
            try skip(branches[try unionBranch(branches.count, from: &decoder)], in: &decoder)
        }
    }
}
