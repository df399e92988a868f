import Foundation
import SluiceSpec

/// Runs an `AggregateNode`. Each batch is aggregated on its own on any core
/// (`PartialAggregate`), and the final aggregation (`AggregationState`) merges the partial
/// results in input order, so groups come out in order of first appearance. Batches that
/// hold nearly one group per row, and aggregations with a DISTINCT aggregate, go to the final
/// aggregation as rows instead. Beyond the memory limit the final aggregation spills.
enum AggregateOperator {
    static func apply(_ node: AggregateNode, to input: RecordBatchStream, options: EngineOptions = EngineOptions()) throws -> RecordBatchStream {
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
        let aggregation = BoundAggregation(keys: keys, arguments: arguments, aggregates: node.aggregates, schema: Schema(fields))
        return RecordBatchStream(schema: aggregation.schema) {
            let bypass = SharedFlag()  // raised once partials are found not to pay
            // Batches are aggregated on their own on every core, unless that does not shrink them
            // (nearly one group per row) or a DISTINCT aggregate needs every value in one place.
            let partials = !node.aggregates.contains(where: \.distinct)
            let prepared = OrderedParallelMap(input) { batch -> AggregationPart? in
                guard partials, !bypass.isRaised else { return .rows(AggregationInput(batch, aggregation)) }
                let partial = PartialAggregate(batch, aggregation)
                if batch.rowCount >= 4096, partial.groupCount * 2 > batch.rowCount { bypass.raise() }
                return .partial(partial)
            }
            let state = AggregationState(aggregation, options: options, bypass: bypass)
            return { try await state.next(prepared.next) }
        }
    }

    static func locate(_ error: SluiceError, _ aggregate: AggregateExpression) -> SluiceError {
        NamedExpression(name: aggregate.name, expression: .star, location: aggregate.location, jsonPath: aggregate.jsonPath).locate(error)
    }
}

/// An aggregation bound to its input: key and argument expressions, and the output schema.
struct BoundAggregation: Sendable {
    let keys: [BoundExpression]
    /// Nil for `count(*)`.
    let arguments: [BoundExpression?]
    let aggregates: [AggregateExpression]
    let schema: Schema
}

/// What the parallel stage hands the final aggregation for one batch.
enum AggregationPart: Sendable {
    case partial(PartialAggregate)
    case rows(AggregationInput)
}
