/// Which aggregates of one aggregation keep the same state as an earlier one, so that their
/// rows are folded in once: `sum(x)` and `avg(x)` of one double column both hold each group's
/// count and sum, as `stddev(x)` and `variance(x)` both hold count, mean and squared deviations.
/// And `count(*)` takes a batch's rows per group from such an aggregate when its column has no
/// null in the batch: the counts it keeps are then exactly those.
struct AccumulatorSharing: Sendable {
    /// For each aggregate, the earlier aggregate whose state it takes, or nil.
    let sources: [Int?]
    /// For each `count(*)`, an aggregate that counts the non-null values of a column, or nil.
    let rowCounters: [Int?]

    init(_ aggregation: BoundAggregation, _ accumulators: [any Accumulator]) {
        var sources: [Int?] = []
        for index in accumulators.indices {
            sources.append(accumulators.indices.prefix(index).first { earlier in
                Self.sameState(earlier, index, aggregation, accumulators)
            })
        }
        self.sources = sources
        rowCounters = accumulators.indices.map { index in
            guard accumulators[index] is CountAccumulator, aggregation.arguments[index] == nil,
                  !aggregation.aggregates[index].distinct else { return nil }
            return accumulators.indices.first { counter in
                sources[counter] == nil && accumulators[counter] is DoubleAccumulator
                    && aggregation.arguments[counter] != nil && !aggregation.aggregates[counter].distinct
            }
        }
    }

    /// The `count(*)` aggregates whose rows this batch's other aggregates count (their
    /// counter's column has no null), each with its counter's counts before the batch.
    func borrowedRowCounts(_ arguments: [Column?], _ accumulators: [any Accumulator]) -> [Int: [Int64]] {
        var borrowed: [Int: [Int64]] = [:]
        for (index, counter) in rowCounters.enumerated() {
            guard let counter, let column = arguments[counter], column.validity == nil,
                  let state = accumulators[counter] as? DoubleAccumulator else { continue }
            borrowed[index] = state.rowCounts
        }
        return borrowed
    }

    /// Adds to each borrowing `count(*)` the rows its counter counted since `borrowed` was taken.
    func lendRowCounts(_ borrowed: [Int: [Int64]], _ accumulators: inout [any Accumulator], groupCount: Int) {
        for (index, before) in borrowed {
            guard let counter = rowCounters[index], let state = accumulators[counter] as? DoubleAccumulator,
                  var count = accumulators[index] as? CountAccumulator else { continue }
            count.add(state.rowCounts, minus: before, groupCount: groupCount)
            accumulators[index] = count
        }
    }

    private static func sameState(_ a: Int, _ b: Int, _ aggregation: BoundAggregation, _ accumulators: [any Accumulator]) -> Bool {
        guard !aggregation.aggregates[a].distinct, !aggregation.aggregates[b].distinct,
              let first = accumulators[a] as? DoubleAccumulator, let second = accumulators[b] as? DoubleAccumulator,
              first.holdsMoments == second.holdsMoments,
              let x = aggregation.arguments[a], let y = aggregation.arguments[b] else { return false }
        return sameColumn(x, y)
    }

    /// Whether both read the same column, cast alike.
    private static func sameColumn(_ x: BoundExpression, _ y: BoundExpression) -> Bool {
        switch (x, y) {
        case (.column(let i, let s), .column(let j, let t)): return i == j && s == t
        case (.cast(let inner, let s), .cast(let other, let t)): return s == t && sameColumn(inner, other)
        default: return false
        }
    }

    /// Gives each sharing aggregate its source's state; call after the sources were updated.
    func share(_ accumulators: inout [any Accumulator]) {
        for (index, source) in sources.enumerated() {
            guard let source, let state = accumulators[source] as? DoubleAccumulator,
                  let own = accumulators[index] as? DoubleAccumulator else { continue }
            accumulators[index] = state.withKind(own.kind)
        }
    }
}
