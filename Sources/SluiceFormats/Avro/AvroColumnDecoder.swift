import SluiceEngine
import SluiceSpec

/// Decodes one field of every record into an engine column, following the field's read plan.
///
/// Primitives (and nullable primitives) are decoded straight from the bytes; promotions and
/// the rest go through `AvroValue`. Values land in the builder's type, widened when several
/// files' schemas were merged (int → bigint → double, anything → string).
struct AvroColumnDecoder {
    let name: String
    let plan: AvroReadPlan
    let file: String
    /// Whether the field is a union of several types, read whole as its mapped type (a struct
    /// of members, a widened number) rather than branch by branch.
    private let readsWholeUnion: Bool

    init(name: String, plan: AvroReadPlan, file: String) {
        self.name = name
        self.plan = plan
        self.file = file
        if case .union(let branches) = Self.readerSchema(of: plan) {
            readsWholeUnion = branches.filter { !$0.isNull }.count > 1
        } else {
            readsWholeUnion = false
        }
    }

    func append(from decoder: inout AvroBinaryDecoder, to builder: inout ColumnBuilder) throws(SluiceError) {
        if readsWholeUnion { return try Self.put(try generic(plan, from: &decoder), into: &builder, column: name, file: file) }
        try append(plan, from: &decoder, to: &builder)
    }

    /// Strings and nulls go straight into the builder; other values through `value`.
    private func append(_ plan: AvroReadPlan, from decoder: inout AvroBinaryDecoder, to builder: inout ColumnBuilder) throws(SluiceError) {
        switch plan {
        case .same(.string) where builder.type == .string:
            builder.append(utf8: decoder.bytes[try decoder.readLengthPrefixed()])
        case .same(.null):
            builder.appendNull()
        case .writerUnion(let branches):
            switch branches[try AvroValueCodec.unionBranch(branches.count, from: &decoder)] {
            case .success(let branch): try append(branch, from: &decoder, to: &builder)
            case .failure(let error): throw error
            }
        case .readerUnion(_, let inner):
            try append(inner, from: &decoder, to: &builder)
        default:
            try Self.put(try value(plan, from: &decoder), into: &builder, column: name, file: file)
        }
    }

    /// One value as the engine sees it, under `plan` (whose reader schema gives the logical type).
    private func value(_ plan: AvroReadPlan, from decoder: inout AvroBinaryDecoder) throws(SluiceError) -> ScalarValue {
        switch plan {
        case .same(let schema):
            switch schema {
            case .null: return .null
            case .boolean: return .boolean(try decoder.readBoolean())
            case .int(let logical):
                let int = try decoder.readInt()
                switch logical {
                case .date: return .date(int)
                case .timeMillis: return .int64(Int64(int) * 1000)
                default: return .int32(int)
                }
            case .long(let logical): return AvroEngineMapping.longScalar(try decoder.readLong(), logical: logical)
            case .float: return .float32(try decoder.readFloat())
            case .double: return .float64(try decoder.readDouble())
            case .string: return .string(String(decoding: decoder.bytes[try decoder.readLengthPrefixed()], as: UTF8.self))
            default: return try generic(plan, from: &decoder)
            }
        case .enumeration(let writerSymbols, let readerSymbols):
            let index = Int(try decoder.readInt())
            guard writerSymbols.indices.contains(index) else { throw decoder.malformed("an enum has no symbol \(index)") }
            guard let symbol = readerSymbols[index] else {
                throw AvroSchemaResolver.problem([name], "the writer's enum symbol '\(writerSymbols[index])' is not in the reader's enum, which has no default (rule: enum symbols)")
            }
            return .string(symbol)
        case .writerUnion(let branches):
            switch branches[try AvroValueCodec.unionBranch(branches.count, from: &decoder)] {
            case .success(let branch): return try value(branch, from: &decoder)
            case .failure(let error): throw error
            }
        case .readerUnion(_, let inner):
            return try value(inner, from: &decoder)
        default:
            return try generic(plan, from: &decoder)
        }
    }

    private func generic(_ plan: AvroReadPlan, from decoder: inout AvroBinaryDecoder) throws(SluiceError) -> ScalarValue {
        let decoded = try AvroResolvingDecoder.decode(plan, from: &decoder)
        guard let scalar = AvroEngineMapping.scalar(decoded, schema: Self.readerSchema(of: plan)) else {
            throw SluiceError(.unsupported, "\(file): column '\(name)' holds a value Sluice cannot read into a column yet")
        }
        return scalar
    }

    /// The reader's schema a plan produces (for logical types of promoted values).
    private static func readerSchema(of plan: AvroReadPlan) -> AvroSchema {
        switch plan {
        case .same(let schema), .promote(_, let schema): schema
        case .readerUnion(_, let inner): readerSchema(of: inner)
        case .record(let resolved): .record(resolved.reader)
        case .array(let items): .array(items: readerSchema(of: items))
        case .map(let values): .map(values: readerSchema(of: values))
        case .enumeration: .string()
        case .writerUnion(let branches):
            // Branch by branch, so that a value's branch index finds its schema.
            .union(branches.map { branch in (try? branch.get()).map(readerSchema(of:)) ?? .null })
        }
    }

    /// Appends `value` to `builder`, converting to the builder's type where a merged schema widened it.
    static func put(_ value: ScalarValue, into builder: inout ColumnBuilder, column: String, file: String) throws(SluiceError) {
        switch (builder.type, value) {
        case (_, .null): builder.appendNull()
        case (.boolean, .boolean), (.int32, .int32), (.int64, .int64), (.float32, .float32), (.float64, .float64), (.string, .string),
             (.binary, .binary), (.date, .date), (.timestamp, .timestamp), (.timestampNTZ, .timestampNTZ), (.decimal, .decimal),
             (.struct, .struct), (.array, .array), (.map, .map):
            builder.append(value)
        case (.int64, .int32), (.float32, .int32), (.float32, .int64), (.float64, .int32), (.float64, .int64), (.float64, .float32),
             (.decimal, .int32), (.decimal, .int64), (.float64, .decimal), (.timestamp, .timestampNTZ), (.timestampNTZ, .timestamp):
            builder.append(value.cast(to: builder.type))
        case (.string, _): builder.append(ScalarValue.string(Self.text(value)))
        default:
            throw SluiceError(.schemaMismatch, "\(file): column '\(column)' holds \(value), which does not fit its type \(builder.type.sqlName)",
                              hint: "read files with different schemas in separate steps, or give an avroSchema")
        }
    }

    private static func text(_ value: ScalarValue) -> String {
        switch value {
        case .date(let days): Temporal.formatDate(days)
        case .timestamp(let micros): Temporal.formatTimestamp(micros)
        case .binary(let bytes): String(decoding: bytes, as: UTF8.self)
        default: value.description
        }
    }
}
