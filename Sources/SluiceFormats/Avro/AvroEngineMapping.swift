import SluiceEngine
import SluiceSpec

/// Where Avro types meet the engine's types.
///
/// Reading: boolean; int → int32; long → int64; float → float32; double → float64; string,
/// enum, uuid → string; bytes and fixed → binary; decimal (bytes or fixed, up to 38 digits) →
/// decimal; duration → binary (its 12 bytes); date → date; timestamp-millis/micros/nanos →
/// timestamp; local-timestamp-* → timestamp_ntz (microseconds); time-millis/micros → int64
/// microseconds; a union of null and one type → that type, nullable. Records, arrays, maps
/// and other unions have no engine type yet: reading such a column is an `unsupported` error.
///
/// Writing: each engine type becomes its Avro type (tinyint, smallint → int; float → float;
/// decimal → bytes decimal; binary → bytes; timestamp → long timestamp-micros; timestamp_ntz →
/// long local-timestamp-micros; date → int date); nullable columns become `["null", T]` with
/// default null.
public enum AvroEngineMapping {
    /// The engine type of a reader's field schema and whether it may be null; nil when the
    /// engine cannot hold it yet.
    public static func dataType(of schema: AvroSchema) -> (type: DataType, nullable: Bool)? {
        dataType(of: schema, visiting: [])
    }

    /// `dataType(of:)`, refusing a record that contains itself (`visiting` holds the records
    /// being mapped): the engine's types are finite.
    static func dataType(of schema: AvroSchema, visiting: Set<String>) -> (type: DataType, nullable: Bool)? {
        if let (inner, _) = schema.nullableBranch {
            return dataType(of: inner, visiting: visiting).map { ($0.type, true) }
        }
        switch schema {
        case .null: return (.string, true)
        case .boolean: return (.boolean, false)
        case .int(let logical):
            switch logical {
            case .date: return (.date, false)
            case .timeMillis: return (.int64, false)
            default: return (.int32, false)
            }
        case .long(let logical):
            switch logical {
            case .timestampMillis, .timestampMicros, .timestampNanos: return (.timestamp, false)
            case .localTimestampMillis, .localTimestampMicros, .localTimestampNanos: return (.timestampNTZ, false)
            default: return (.int64, false)
            }
        case .float: return (.float32, false)
        case .double: return (.float64, false)
        case .string, .enumeration: return (.string, false)
        case .bytes(let logical): return (decimalType(logical) ?? .binary, false)
        case .fixed(let fixed):
            if fixed.logicalType == .uuid { return (.string, false) }
            return (decimalType(fixed.logicalType) ?? .binary, false)
        case .record(let record):
            let name = record.name.fullName
            guard !visiting.contains(name) else { return nil }
            var fields: [Field] = []
            for field in record.fields {
                guard let mapped = dataType(of: field.type, visiting: visiting.union([name])) else { return nil }
                fields.append(Field(field.name, mapped.type, nullable: mapped.nullable))
            }
            return (.struct(fields), false)
        case .union(let branches):
            return unionType(branches, visiting: visiting)
        case .array(let items):
            return dataType(of: items, visiting: visiting).map { (.array($0.type), false) }
        case .map(let values):
            return dataType(of: values, visiting: visiting).map { (.map(key: .string, value: $0.type), false) }
        }
    }

    /// The engine decimal of a `decimal` logical type the engine can hold (up to 38 digits).
    static func decimalType(_ logical: AvroLogicalType?) -> DataType? {
        guard case .decimal(let precision, let scale) = logical, precision <= DataType.maxDecimalPrecision else { return nil }
        return .decimal(precision: precision, scale: scale)
    }

    /// The `unsupported` error for reading a column of `schema`.
    static func unsupported(field: String, schema: AvroSchema, file: String) -> SluiceError {
        SluiceError(.unsupported, "\(file): column '\(field)' has Avro type \(schema), which Sluice cannot read into a column yet",
                    hint: "drop the column before it is used (selectColumns or dropColumns), or read with an avroSchema that leaves it out")
    }

    /// The engine schema of a reader's record: unsupported fields appear as nullable strings,
    /// so the other columns can still be read; reading them fails (see `dataType(of:)`).
    public static func engineSchema(of record: AvroRecordSchema) -> Schema {
        Schema(record.fields.map { field in
            let mapped = dataType(of: field.type) ?? (.string, true)
            return Field(field.name, mapped.type, nullable: mapped.nullable)
        })
    }

    /// Checks that every column name is a valid Avro field name (`[A-Za-z_][A-Za-z0-9_]*`),
    /// which readers of the schema require.
    public static func checkNames(_ schema: Schema) throws(SluiceError) {
        guard let bad = schema.fields.first(where: { !AvroName.isValid($0.name) }) else { return }
        throw SluiceError(.invalidValue, "column '\(bad.name)' is not a valid Avro field name (names match [A-Za-z_][A-Za-z0-9_]*)",
                          hint: "rename the column first (renameColumns), e.g. to '\(validName(bad.name))'")
    }

    /// `name` with the characters Avro names cannot hold replaced by `_`.
    static func validName(_ name: String) -> String {
        let replaced = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
        return replaced.first.map { $0.isNumber } ?? true ? "_" + replaced : replaced
    }

    /// The Avro record schema Sluice writes for `schema`.
    public static func avroSchema(for schema: Schema, name: String = "topLevelRecord", namespace: String? = nil) -> AvroSchema {
        let path = (namespace.map { [$0] } ?? []) + [name]
        let fields = schema.fields.map { field -> AvroField in
            let type = avroType(of: field.type, path: path + [field.name])
            guard field.nullable else { return AvroField(name: field.name, type: type) }
            return AvroField(name: field.name, type: .union([.null, type]),
                             defaultValue: JSONNode(.null, at: SourceLocation(file: "", line: 1, column: 1)))
        }
        return .record(AvroRecordSchema(name: AvroName(name, namespace: namespace), fields: fields))
    }

    /// The Avro type of an engine type. A struct becomes a record named after its place
    /// (`path`: the enclosing record's full name, then the field's name), as Spark names them;
    /// an array's elements and a map's values may be null; a map's keys must be strings.
    public static func avroType(of type: DataType, path: [String] = ["topLevelRecord"]) -> AvroSchema {
        switch type {
        case .array(let element): .array(items: .union([.null, avroType(of: element, path: path)]))
        case .map(_, let value): .map(values: .union([.null, avroType(of: value, path: path)]))
        case .struct:
            avroSchema(for: Schema(type.structFields), name: path.last!,
                       namespace: path.count > 1 ? path.dropLast().joined(separator: ".") : nil)
        default: flatAvroType(of: type)
        }
    }

    private static func flatAvroType(of type: DataType) -> AvroSchema {
        switch type {
        case .boolean: .boolean
        case .int8, .int16, .int32: .int()
        case .int64: .long()
        case .float32: .float
        case .float64: .double
        case .decimal(let precision, let scale): .bytes(logical: .decimal(precision: precision, scale: scale))
        case .string: .string()
        case .binary: .bytes()
        case .date: .int(logical: .date)
        case .timestamp: .long(logical: .timestampMicros)
        case .timestampNTZ: .long(logical: .localTimestampMicros)
        case .array, .map, .struct: preconditionFailure("nested types are mapped by avroType(of:path:)")
        }
    }

    /// A field's default as an engine value (logical types applied); nil when it has none
    /// or the default has no engine value.
    public static func defaultValue(of field: AvroField) -> ScalarValue? {
        guard let json = field.defaultValue, let value = try? AvroDefaultValue.value(json, for: field.type) else { return nil }
        return scalar(value, schema: field.type)
    }

    /// A decoded Avro value as an engine value under the reader's `schema` (logical types applied).
    static func scalar(_ value: AvroValue, schema: AvroSchema) -> ScalarValue? {
        switch value {
        case .null: return .null
        case .boolean(let flag): return .boolean(flag)
        case .int(let int):
            switch schema.logicalType {
            case .date: return .date(int)
            case .timeMillis: return .int64(Int64(int) * 1000)
            default: return .int32(int)
            }
        case .long(let long): return longScalar(long, logical: schema.logicalType)
        case .float(let float): return .float32(float)
        case .double(let double): return .float64(double)
        case .string(let text), .enumeration(let text): return .string(text)
        case .bytes(let bytes), .fixed(let bytes):
            if case .decimal(_, let scale) = schema.logicalType {
                return DecimalMath.fromBigEndian(bytes).map { .decimal(DecimalValue(unscaled: $0, scale: scale)) }
            }
            if schema.logicalType == .uuid, bytes.count == 16 {
                return .string(String(decoding: LeafColumnConversion.uuidText(bytes[...]), as: UTF8.self))
            }
            return .binary(bytes)
        case .union(let branch, let inner):
            let branchSchema = schema.branches.indices.contains(branch) ? schema.branches[branch] : schema
            if case .union(let branches) = schema, schema.nullableBranch == nil, let (type, _) = unionType(branches, visiting: []) {
                return unionScalar(inner, branch: branch, branches: branches, type: type)
            }
            return scalar(inner, schema: branchSchema)
        case .record(let values):
            guard case .record(let record) = schema.nullableBranch?.schema ?? schema, record.fields.count == values.count else { return nil }
            var fields: [ScalarValue] = []
            for (value, field) in zip(values, record.fields) {
                guard let mapped = scalar(value, schema: field.type) else { return nil }
                fields.append(mapped)
            }
            return .struct(fields)
        case .array(let items):
            guard case .array(let itemSchema) = schema.nullableBranch?.schema ?? schema else { return nil }
            var elements: [ScalarValue] = []
            for item in items {
                guard let mapped = scalar(item, schema: itemSchema) else { return nil }
                elements.append(mapped)
            }
            return .array(elements)
        case .map(let entries):
            guard case .map(let valueSchema) = schema.nullableBranch?.schema ?? schema else { return nil }
            // Avro maps have no order; keys are sorted so that reads are repeatable.
            let keys = entries.keys.sorted()
            var values: [ScalarValue] = []
            for key in keys {
                guard let mapped = scalar(entries[key]!, schema: valueSchema) else { return nil }
                values.append(mapped)
            }
            return .map(keys: keys.map(ScalarValue.string), values: values)
        }
    }

    /// A long under its logical type: timestamps become microseconds.
    @inline(__always)
    static func longScalar(_ long: Int64, logical: AvroLogicalType?) -> ScalarValue {
        switch logical {
        case .timestampMillis: .timestamp(long &* 1000)
        case .timestampMicros: .timestamp(long)
        case .timestampNanos: .timestamp(long >= 0 ? long / 1000 : (long - 999) / 1000)
        case .localTimestampMillis: .timestampNTZ(long &* 1000)
        case .localTimestampMicros: .timestampNTZ(long)
        case .localTimestampNanos: .timestampNTZ(long >= 0 ? long / 1000 : (long - 999) / 1000)
        default: .int64(long)
        }
    }
}
