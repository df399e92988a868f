import SluiceSpec

/// Runs an `AggregateNode`: hashes each row to its group (`KeyColumnEncoder`, `GroupTable`),
/// folds the aggregate arguments into per-group accumulators batch by batch, and emits one
/// row per group, in order of first appearance, once the input is exhausted.
enum AggregateOperator {
    static func apply(_ node: AggregateNode, to input: RecordBatchStream) throws -> RecordBatchStream {
        let binder = ExpressionBinder(schema: input.schema)
        var keys: [BoundExpression] = []
        var arguments: [BoundExpression?] = []
        do throws(SluiceError) {
            for key in node.groupBy {
                do { keys.append(try binder.bind(key.expression)) } catch { throw key.locate(error) }
            }
            for aggregate in node.aggregates {
                do {
                    arguments.append(try aggregate.argument.map { expression throws(SluiceError) in try binder.bind(expression) })
                } catch {
                    throw locate(error, aggregate)
                }
                if let argument = arguments.last!, [.sum, .avg, .stddev, .variance].contains(aggregate.function),
                   !TypeCoercion.isNumeric(argument.type) {
                    throw locate(SluiceError(.typeMismatch, "\(aggregate.description) needs a number, but its argument is \(argument.type.sqlName)"), aggregate)
                }
            }
        } catch {
            throw node.origin.locate(error)
        }
        let fields = zip(node.groupBy, keys).map { Field($0.name, $1.type) }
            + zip(node.aggregates, arguments).map { Field($0.name, $0.function.resultType($1?.type)) }
        let schema = Schema(fields)
        let keyList = keys
        let argumentList = arguments
        let aggregates = node.aggregates
        return RecordBatchStream(schema: schema) {
            let upstream = input.makeNextBatch()
            let state = AggregationState(keys: keyList, arguments: argumentList, aggregates: aggregates, schema: schema)
            return { try await state.next(upstream) }
        }
    }

    static func locate(_ error: SluiceError, _ aggregate: AggregateExpression) -> SluiceError {
        NamedExpression(name: aggregate.name, expression: .star, location: aggregate.location, jsonPath: aggregate.jsonPath).locate(error)
    }
}

/// The hash table and accumulators of one aggregation; it consumes the whole input on the
/// first pull, then hands out the result in batches.
private final class AggregationState: @unchecked Sendable {
    let keys: [BoundExpression]
    let arguments: [BoundExpression?]
    let schema: Schema
    var encoders: [KeyColumnEncoder]
    var table: GroupTable
    var accumulators: [any Accumulator]
    var distinctSeen: [Set<DistinctKey>]
    let distinct: [Bool]
    var output: [RecordBatch]?

    init(keys: [BoundExpression], arguments: [BoundExpression?], aggregates: [AggregateExpression], schema: Schema) {
        self.keys = keys
        self.arguments = arguments
        self.schema = schema
        encoders = keys.map { KeyColumnEncoder(type: $0.type) }
        table = GroupTable(width: keys.count)
        accumulators = zip(aggregates, arguments).map { makeAccumulator($0.function, argumentType: $1?.type) }
        distinct = aggregates.map(\.distinct)
        distinctSeen = Array(repeating: [], count: aggregates.count)
    }

    func next(_ upstream: RecordBatchStream.NextBatch) async throws -> RecordBatch? {
        if output == nil {
            while let batch = try await upstream() { consume(batch) }
            output = finish()
        }
        return output!.isEmpty ? nil : output!.removeFirst()
    }

    private func consume(_ batch: RecordBatch) {
        var codes: [[Int32]] = []
        for (index, key) in keys.enumerated() {
            var column: [Int32] = []
            column.reserveCapacity(batch.rowCount)
            encoders[index].encode(ExpressionEvaluator.evaluate(key, on: batch), into: &column)
            codes.append(column)
        }
        let groups = table.groups(rows: batch.rowCount, codes: codes)
        for index in accumulators.indices {
            var column = arguments[index].map { ExpressionEvaluator.evaluate($0, on: batch) }
            var rowGroups = groups
            if distinct[index], let values = column {
                // Only the first occurrence of a value in a group reaches the accumulator.
                var keep: [Int] = []
                for row in 0..<batch.rowCount where !values.isNull(row) {
                    if distinctSeen[index].insert(DistinctKey(group: groups[row], value: values.value(at: row))).inserted { keep.append(row) }
                }
                column = values.take(keep)
                rowGroups = keep.map { groups[$0] }
            }
            accumulators[index].update(groups: rowGroups, groupCount: table.count, column: column)
        }
    }

    private func finish() -> [RecordBatch] {
        // Without keys there is always exactly one group, even over no rows (count is 0, the rest null).
        let groupCount = keys.isEmpty ? 1 : table.count
        var columns: [Column] = []
        for (index, encoder) in encoders.enumerated() {
            var builder = ColumnBuilder(type: encoder.type, capacity: groupCount)
            for group in 0..<groupCount { builder.append(encoder.value(of: table.code(group: group, column: index))) }
            columns.append(builder.finish())
        }
        columns += accumulators.map { $0.finish(groupCount: groupCount) }
        let all = RecordBatch(schema: schema, columns: columns)
        return stride(from: 0, to: groupCount, by: RecordBatch.preferredRowCount).map {
            all.slice($0, min(RecordBatch.preferredRowCount, groupCount - $0))
        }
    }
}

/// A value seen in a group, for DISTINCT aggregates.
private struct DistinctKey: Hashable {
    let group: Int32
    let value: ScalarValue
}
