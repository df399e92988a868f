/// One batch aggregated on its own, on any core, for the final aggregation to merge: its
/// groups in order of first appearance, each group's key values (from its first row), and
/// the accumulators over its rows.
struct PartialAggregate: Sendable {
    /// The key columns, one row per group.
    let keys: [Column]
    let accumulators: [any Accumulator]
    let groupCount: Int

    init(_ batch: RecordBatch, _ aggregation: BoundAggregation) {
        let input = AggregationInput(batch, aggregation)
        var grouped = GroupedAggregation(aggregation)
        let groups = grouped.add(keys: input.keys, arguments: input.arguments, rows: input.rowCount)
        // Groups are numbered in order of first appearance, so the next new group is always
        // the number found so far; once all are found the rest of the batch holds no new one.
        var firstRows: [Int] = []
        let total = grouped.groupCount
        groups.withUnsafeBufferPointer { groups in
            for (row, group) in groups.enumerated() where Int(group) == firstRows.count {
                firstRows.append(row)
                if firstRows.count == total { break }
            }
        }
        keys = input.keys.map { $0.take(firstRows) }
        accumulators = grouped.accumulators
        groupCount = grouped.groupCount
    }
}

/// The evaluated keys and aggregate arguments of one batch.
struct AggregationInput: Sendable {
    let keys: [Column]
    /// Nil for `count(*)`.
    let arguments: [Column?]
    let rowCount: Int

    init(_ batch: RecordBatch, _ aggregation: BoundAggregation) {
        keys = aggregation.keys.map { ExpressionEvaluator.evaluate($0, on: batch) }
        arguments = aggregation.arguments.map { $0.map { ExpressionEvaluator.evaluate($0, on: batch) } }
        rowCount = batch.rowCount
    }
}
