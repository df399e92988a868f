import SluiceEngine
import SluiceFormats
import SluiceSpec

/// `evolveAvroSchema`: conforms a dataset to an Avro record schema.
enum EvolveAvroSchema {
    static let descriptor = MethodDescriptor(
        name: "evolveAvroSchema",
        type: .transform,
        inputs: .one,
        summary: "Conform the dataset to an Avro schema: add missing fields with their defaults, drop extra columns, cast the rest.",
        details: """
            The output has exactly the fields of `targetSchema` (an Avro record, as a JSON object or JSON text), in \
            its order and with its names. A field takes the column of the same name (case-insensitively) or of one \
            of its aliases, cast to the field's type (Avro types map to column types as in `fromAvro`); a field no \
            column matches takes its `default`, or null when it has none (a field that is not nullable and has no \
            default is an error). Columns the schema does not name are dropped. Fields whose Avro type has no \
            column type yet (bytes, fixed, decimal, nested types) are `unsupported`.
            """,
        keys: [
            ConfigKey("targetSchema", .stringOrObject, required: true, "The Avro record schema to conform to, as a JSON object or JSON text."),
        ],
        example: """
            {
              "type": "transform",
              "method": "evolveAvroSchema",
              "config": {
                "targetSchema": {
                  "type": "record", "name": "Order", "fields": [
                    {"name": "order_id", "type": "long"},
                    {"name": "channel", "type": "string", "default": "web"},
                    {"name": "coupon", "type": ["null", "string"], "default": null}
                  ]
                }
              }
            }
            """,
        build: { context in
            guard let record = try AvroConfig.recordSchema(context.config, "targetSchema") else {
                throw context.config.error("targetSchema", "'targetSchema' is required")
            }
            var fields: [(field: AvroField, type: DataType, nullable: Bool)] = []
            for field in record.fields {
                guard let mapped = AvroEngineMapping.dataType(of: field.type) else {
                    throw SluiceError(.unsupported, "field '\(field.name)' has Avro type \(field.type), which has no column type yet",
                                      location: context.config.node["targetSchema"]?.location,
                                      jsonPath: context.config.path(of: "targetSchema").description,
                                      hint: "leave the field out of targetSchema")
                }
                fields.append((field, mapped.type, mapped.nullable))
            }
            let targets = fields
            let origin = context.origin
            let node = StreamTransformNode(input: try context.input, label: "Evolve to Avro schema \(record.name)", origin: origin) { input in
                var expressions: [BoundExpression] = []
                for target in targets {
                    let names = [target.field.name] + target.field.aliases
                    let expression: Expression
                    if let column = names.lazy.compactMap({ input.schema.index(of: $0) }).first {
                        expression = .cast(.column(name: input.schema.fields[column].name, qualifier: nil), target.type)
                    } else if let value = AvroEngineMapping.defaultValue(of: target.field) {
                        expression = .cast(.literal(value), target.type)
                    } else if target.nullable || target.field.defaultValue != nil {
                        expression = .cast(.literal(.null), target.type)
                    } else {
                        throw origin.locate(SluiceError(
                            .schemaMismatch, "the dataset has no column for the Avro field '\(target.field.name)', which has no default and is not nullable",
                            hint: "add a default to the field, make it a union with null, or add the column; columns: \(input.schema.names.joined(separator: ", "))"))
                    }
                    do throws(SluiceError) {
                        expressions.append(try ExpressionBinder(schema: input.schema).bind(expression))
                    } catch {
                        throw origin.locate(error)
                    }
                }
                let schema = Schema(targets.map { Field($0.field.name, $0.type, nullable: $0.nullable) })
                let bound = expressions
                return input.compactMap(schema: schema) { batch in
                    RecordBatch(schema: schema, columns: bound.map { ExpressionEvaluator.evaluate($0, on: batch) })
                }
            }
            return StepPlan(output: .transform(node))
        }
    )
}
