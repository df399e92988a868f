import SluiceSpec

/// Runs a `UnionNode`: every input's batches in turn, columns reordered to the first input's
/// order by name and cast to the widest type among the inputs.
enum UnionOperator {
    static func apply(_ node: UnionNode, to inputs: [RecordBatchStream]) throws -> RecordBatchStream {
        let first = inputs[0].schema
        var positions: [[Int]] = []
        for (number, input) in inputs.enumerated() {
            let names = Set(input.schema.names.map { $0.lowercased() })
            let expected = Set(first.names.map { $0.lowercased() })
            guard names == expected else {
                let missing = expected.subtracting(names).sorted(), extra = names.subtracting(expected).sorted()
                throw node.origin.locate(SluiceError(
                    .schemaMismatch,
                    "input \(number + 1) of the union does not have the first input's columns"
                        + (missing.isEmpty ? "" : "; missing: \(missing.joined(separator: ", "))")
                        + (extra.isEmpty ? "" : "; extra: \(extra.joined(separator: ", "))"),
                    hint: "select, rename or add columns so that every input has the same names"))
            }
            positions.append(first.names.map { input.schema.index(of: $0)! })
        }
        let fields = first.fields.indices.map { column in
            Field(first.fields[column].name,
                  TypeCoercion.commonType(zip(inputs, positions).map { $0.schema.fields[$1[column]].type }) ?? .string)
        }
        let schema = Schema(fields)
        let streams = inputs
        let mapping = positions
        return RecordBatchStream(schema: schema) {
            let cursor = UnionCursor(nexts: streams.map { $0.makeNextBatch() })
            return {
                while let (input, batch) = try await cursor.next() {
                    let columns = schema.fields.indices.map { CastKernel.cast(batch.columns[mapping[input][$0]], to: schema.fields[$0].type) }
                    return RecordBatch(schema: schema, columns: columns)
                }
                return nil
            }
        }
    }
}

/// Reads the inputs of a union one after another; used by one consumer at a time.
private final class UnionCursor: @unchecked Sendable {
    let nexts: [RecordBatchStream.NextBatch]
    var current = 0

    init(nexts: [RecordBatchStream.NextBatch]) { self.nexts = nexts }

    func next() async throws -> (Int, RecordBatch)? {
        while current < nexts.count {
            if let batch = try await nexts[current]() { return (current, batch) }
            current += 1
        }
        return nil
    }
}
