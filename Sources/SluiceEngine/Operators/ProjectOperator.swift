import SluiceSpec

/// Runs a `ProjectNode`: resolves its operation against the input schema into one bound
/// expression per output column, then evaluates them over each batch.
enum ProjectOperator {
    static func apply(_ node: ProjectNode, to input: RecordBatchStream) throws -> RecordBatchStream {
        let (schema, expressions): (Schema, [BoundExpression])
        do {
            (schema, expressions) = try resolve(node.operation, against: input.schema)
        } catch {
            throw node.origin.locate(error)
        }
        return input.parallelCompactMap(schema: schema) { batch in
            RecordBatch(schema: schema, columns: expressions.map { ExpressionEvaluator.evaluate($0, on: batch) })
        }
    }

    /// The output schema and the expression of each output column.
    static func resolve(_ operation: ProjectNode.Operation, against input: Schema) throws(SluiceError) -> (Schema, [BoundExpression]) {
        let binder = ExpressionBinder(schema: input)
        var fields = input.fields
        var expressions: [BoundExpression] = input.fields.indices.map { .column(index: $0, type: input.fields[$0].type) }
        switch operation {
        case .withColumns(let columns):
            for column in columns {
                let bound: BoundExpression
                do { bound = try binder.bind(column.expression) } catch { throw column.locate(error) }
                if let index = fields.firstIndex(where: { $0.name == column.name }) {
                    fields[index] = Field(column.name, bound.type)
                    expressions[index] = bound
                } else {
                    fields.append(Field(column.name, bound.type))
                    expressions.append(bound)
                }
            }
        case .select(let columns):
            fields = []
            expressions = []
            for column in columns {
                let bound: BoundExpression
                do { bound = try binder.bind(column.expression) } catch { throw column.locate(error) }
                fields.append(Field(column.name, bound.type))
                expressions.append(bound)
            }
        case .drop(let names):
            for name in names {
                guard let index = fields.firstIndex(where: { $0.name == name }) ?? fields.firstIndex(where: {
                    $0.name.caseInsensitiveCompare(name) == .orderedSame
                }) else {
                    throw unknown(name, in: fields)
                }
                fields.remove(at: index)
                expressions.remove(at: index)
            }
        case .rename(let pairs):
            for (from, to) in pairs {
                guard let index = fields.firstIndex(where: { $0.name == from }) else { throw unknown(from, in: fields) }
                fields[index].name = to
            }
        }
        var seen: Set<String> = []
        for field in fields where !seen.insert(field.name.lowercased()).inserted {
            throw SluiceError(.invalidValue, "the result would have two columns named '\(field.name)'",
                              hint: "rename or drop one of them")
        }
        return (Schema(fields), expressions)
    }

    static func unknown(_ name: String, in fields: [Field]) -> SluiceError {
        SluiceError(.unknownColumn, "column '\(name)' does not exist; columns: \(fields.map(\.name).joined(separator: ", "))",
                    hint: NameSuggester.hint(for: name, in: fields.map(\.name)))
    }
}

import Foundation
