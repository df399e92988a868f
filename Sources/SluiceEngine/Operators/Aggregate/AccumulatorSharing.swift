/// Which aggregates of one aggregation keep the same state as an earlier one, so that their
/// rows are folded in once: `sum(x)` and `avg(x)` of one double column both hold each group's
/// count and sum, as `stddev(x)` and `variance(x)` both hold count, mean and squared deviations.
struct AccumulatorSharing: Sendable {
    /// For each aggregate, the earlier aggregate whose state it takes, or nil.
    let sources: [Int?]

    init(_ aggregation: BoundAggregation, _ accumulators: [any Accumulator]) {
        var sources: [Int?] = []
        for index in accumulators.indices {
            sources.append(accumulators.indices.prefix(index).first { earlier in
                Self.sameState(earlier, index, aggregation, accumulators)
            })
        }
        self.sources = sources
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
