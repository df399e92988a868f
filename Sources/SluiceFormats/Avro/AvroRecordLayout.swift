import SluiceEngine
import SluiceSpec

/// How each record of a file becomes a row of output columns: for every writer field, the
/// column it fills or that it is skipped, and the constant columns filled from the reader's
/// defaults. Built once per file from the resolved schemas.
struct AvroRecordLayout: Sendable {
    enum Action: Sendable {
        case column(Int, AvroColumnDecoder)
        case skip(AvroSchema)
    }

    let actions: [Action]
    /// Output columns the writer lacks, with the reader's default for every row.
    let constants: [(column: Int, value: ScalarValue)]
    /// The output schema.
    let schema: Schema

    /// The layout reading `header`'s data as `readerSchema` (or the writer's) into `output`.
    init(header: AvroContainerHeader, readerSchema: AvroSchema?, output: Schema, file: String) throws(SluiceError) {
        let reader = AvroFormat.readerSchema(readerSchema, forWriter: header.schema)
        guard case .record(let readerRecord) = reader, case .record = header.schema else {
            throw SluiceError(.unsupported, "\(file): the Avro schema is a \(header.schema.typeName), not a record; Sluice reads records as rows")
        }
        let plan: AvroReadPlan
        do throws(SluiceError) {
            plan = try AvroSchemaResolver.resolve(writer: header.schema, reader: reader)
        } catch {
            throw SluiceError(.schemaMismatch, "\(file): \(error.message)", hint: error.hint)
        }
        guard case .record(let resolved) = plan else { throw SluiceError(.internalError, "a record resolved to \(plan)") }
        var columnOfReaderField: [Int: Int] = [:]
        for (column, field) in output.fields.enumerated() {
            let index = readerRecord.index(of: field.name)
                ?? readerRecord.fields.firstIndex { $0.name.caseInsensitiveCompare(field.name) == .orderedSame }
            guard let index else {
                throw SluiceError(.schemaMismatch, "\(file): the Avro record has no field '\(field.name)'")
            }
            let fieldSchema = readerRecord.fields[index].type
            guard AvroEngineMapping.dataType(of: fieldSchema) != nil else {
                throw AvroEngineMapping.unsupported(field: field.name, schema: fieldSchema, file: file)
            }
            columnOfReaderField[index] = column
        }
        actions = resolved.steps.map { step in
            switch step {
            case .read(let readerIndex, let fieldPlan, let writer):
                guard let column = columnOfReaderField[readerIndex] else { return .skip(writer) }
                return .column(column, AvroColumnDecoder(name: output.fields[column].name, plan: fieldPlan, file: file))
            case .skip(let writer):
                return .skip(writer)
            }
        }
        var constants: [(Int, ScalarValue)] = []
        for (readerIndex, value) in resolved.defaults {
            guard let column = columnOfReaderField[readerIndex] else { continue }
            constants.append((column, AvroEngineMapping.scalar(value, schema: readerRecord.fields[readerIndex].type) ?? .null))
        }
        self.constants = constants
        schema = output
    }

    /// Decodes `count` records from `decoder` into `builders`.
    func decode(_ count: Int, from decoder: inout AvroBinaryDecoder, into builders: inout [ColumnBuilder], file: String) throws(SluiceError) {
        for _ in 0..<count {
            for action in actions {
                switch action {
                case .column(let column, let columnDecoder): try columnDecoder.append(from: &decoder, to: &builders[column])
                case .skip(let schema): try AvroValueCodec.skip(schema, in: &decoder)
                }
            }
            for (column, value) in constants {
                try AvroColumnDecoder.put(value, into: &builders[column], column: schema.fields[column].name, file: file)
            }
        }
    }
}
