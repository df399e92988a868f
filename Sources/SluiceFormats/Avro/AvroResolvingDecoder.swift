import SluiceSpec

/// Decodes values written with a writer's schema into the shape of a reader's schema,
/// following an `AvroReadPlan` (see `AvroSchemaResolver`).
public enum AvroResolvingDecoder {
    /// The value encoded in `bytes` with `writer`'s schema, as `reader`'s schema shapes it.
    public static func decode(_ bytes: [UInt8], writer: AvroSchema, reader: AvroSchema) throws(SluiceError) -> AvroValue {
        let plan = try AvroSchemaResolver.resolve(writer: writer, reader: reader)
        var decoder = AvroBinaryDecoder(bytes)
        return try decode(plan, from: &decoder)
    }

    public static func decode(_ plan: AvroReadPlan, from decoder: inout AvroBinaryDecoder) throws(SluiceError) -> AvroValue {
        switch plan {
        case .same(let schema):
            return try AvroValueCodec.decode(schema, from: &decoder)
        case .promote(let from, let to):
            return try promote(try AvroValueCodec.decode(from, from: &decoder), to: to)
        case .enumeration(let writerSymbols, let readerSymbols):
            let index = Int(try decoder.readInt())
            guard writerSymbols.indices.contains(index) else { throw decoder.malformed("an enum has no symbol \(index)") }
            guard let symbol = readerSymbols[index] else {
                throw AvroSchemaResolver.problem([], "the writer's enum symbol '\(writerSymbols[index])' is not in the reader's enum, which has no default (rule: enum symbols)")
            }
            return .enumeration(symbol)
        case .array(let items):
            return try AvroValueCodec.decodeArray(from: &decoder) { (decoder) throws(SluiceError) in try decode(items, from: &decoder) }
        case .map(let values):
            return try AvroValueCodec.decodeMap(from: &decoder) { (decoder) throws(SluiceError) in try decode(values, from: &decoder) }
        case .record(let record):
            return try decoder.nested { (decoder) throws(SluiceError) in
                var values = [AvroValue](repeating: .null, count: record.reader.fields.count)
                for step in record.steps {
                    switch step {
                    case .read(let index, let fieldPlan, _): values[index] = try decode(fieldPlan, from: &decoder)
                    case .skip(let schema): try AvroValueCodec.skip(schema, in: &decoder)
                    }
                }
                for (index, value) in record.defaults { values[index] = value }
                return .record(values)
            }
        case .writerUnion(let branches):
            switch branches[try AvroValueCodec.unionBranch(branches.count, from: &decoder)] {
            case .success(let branchPlan): return try decode(branchPlan, from: &decoder)
            case .failure(let error): throw error
            }
        case .readerUnion(let branch, let inner):
            return .union(branch: branch, try decode(inner, from: &decoder))
        }
    }

    /// A writer's primitive value as the reader's promoted type.
    static func promote(_ value: AvroValue, to schema: AvroSchema) throws(SluiceError) -> AvroValue {
        switch (value, schema) {
        case (.int(let v), .long): return .long(Int64(v))
        case (.int(let v), .float): return .float(Float(v))
        case (.int(let v), .double): return .double(Double(v))
        case (.long(let v), .float): return .float(Float(v))
        case (.long(let v), .double): return .double(Double(v))
        case (.float(let v), .double): return .double(Double(v))
        case (.string(let v), .bytes): return .bytes(Array(v.utf8))
        case (.bytes(let v), .string): return .string(String(decoding: v, as: UTF8.self))
        default: throw SluiceError(.internalError, "no promotion of \(value) to \(schema)")
        }
    }
}
