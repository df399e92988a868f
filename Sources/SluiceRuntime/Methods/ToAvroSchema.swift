import SluiceEngine
import SluiceFormats
import SluiceSpec

/// `toAvroSchema`: the Avro schema of a dataset, as a one-row dataset.
enum ToAvroSchema {
    /// The columns of the output.
    static let outputSchema = Schema([Field("name", .string, nullable: false), Field("schema", .string, nullable: false),
                                      Field("canonicalForm", .string, nullable: false), Field("fingerprint", .string, nullable: false)])

    static let descriptor = MethodDescriptor(
        name: "toAvroSchema",
        type: .transform,
        inputs: .one,
        summary: "Describe the dataset's Avro schema: one row with the schema's JSON, canonical form and fingerprint.",
        details: """
            The output has one row and four string columns: `name` (the record's full name), `schema` (the Avro \
            schema `toAvro` would write for the dataset, as JSON), `canonicalForm` (its Parsing Canonical Form) and \
            `fingerprint` (the CRC-64-AVRO fingerprint of the canonical form, 16 hexadecimal digits, as schema \
            registries and single-object encoding name schemas). Columns map to Avro types as `toAvro` maps them; \
            nullable columns become `["null", T]` unions with default null. The input's rows are not read.
            """,
        keys: [
            ConfigKey("name", .string, default: "\"topLevelRecord\"", "The record's name."),
            ConfigKey("namespace", .string, "The record's namespace."),
        ],
        example: """
            {
              "type": "transform",
              "method": "toAvroSchema",
              "config": { "namespace": "com.acme.sales", "name": "Order", "registerAs": "order_schema" }
            }
            """,
        build: { context in
            let name = try context.config.string("name") ?? "topLevelRecord"
            let namespace = try context.config.string("namespace")
            let avroName = AvroName(name, namespace: namespace)
            let origin = context.origin
            let node = StreamTransformNode(input: try context.input, label: "Avro schema of the input as \(avroName)", origin: origin) { input in
                do throws(SluiceError) {
                    try AvroEngineMapping.checkNames(input.schema)
                } catch {
                    throw origin.locate(error)
                }
                let schema = AvroEngineMapping.avroSchema(for: input.schema, name: name, namespace: namespace)
                var hex = String(schema.fingerprint, radix: 16)
                hex = String(repeating: "0", count: 16 - hex.count) + hex
                let row: [ScalarValue] = [.string(schema.fullName ?? name), .string(schema.jsonText), .string(schema.canonicalForm), .string(hex)]
                var builders = outputSchema.fields.map { ColumnBuilder(type: $0.type, capacity: 1) }
                for index in builders.indices { builders[index].append(row[index]) }
                let batch = RecordBatch(schema: outputSchema, columns: builders.indices.map { builders[$0].finish() })
                return RecordBatchStream(schema: outputSchema, batches: [batch])
            }
            return StepPlan(output: .transform(node))
        }
    )
}
