import Foundation
import SluiceSpec

/// The embedded engine: executes logical plans in this process, streaming batches.
public struct LocalEngine: Sendable {
    /// The memory limit and where operators spill beyond it.
    public let options: EngineOptions

    public init(options: EngineOptions = EngineOptions()) {
        self.options = options
    }

    /// Runs the write at the root of `plan` up to its staging phase: every batch is written
    /// where readers cannot see it yet. The caller commits or aborts the result.
    ///
    /// Rows and time are recorded per step in `metrics`.
    public func stage(_ plan: LogicalPlan, metrics: StepMetrics) async throws -> any StagedWrite {
        guard case .write(let node) = ColumnPruning.apply(PredicatePushdown.apply(plan)) else {
            throw SluiceError(.internalError, "only a write can be run; got '\(plan.label)'")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let input = try await stream(node.input, metrics: metrics)
        let staged = try await node.sink.stage(input)
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        metrics.update(step: node.origin.stepIndex) { entry in
            entry.rowsIn += staged.rowCount
            entry.rowsOut += staged.rowCount
            entry.nanoseconds += elapsed
        }
        return staged
    }

    /// The stream of a one-input node: its input's stream, transformed by `apply`, metered under its step.
    private func unary(_ input: LogicalPlan, _ origin: PlanOrigin, _ metrics: StepMetrics,
                       _ apply: (RecordBatchStream) throws -> RecordBatchStream) async throws -> RecordBatchStream {
        try apply(try await stream(input, metrics: metrics)).metered(step: origin.stepIndex, into: metrics)
    }

    /// The batches a non-write node produces, metered under its step.
    func stream(_ plan: LogicalPlan, metrics: StepMetrics) async throws -> RecordBatchStream {
        switch plan {
        case .scan(let node):
            // Sources parse on their own task, ahead of the operators that consume them.
            return try await node.source.scan(columns: node.columns, predicates: node.predicates).metered(step: node.origin.stepIndex, into: metrics).prefetched()
        case .filter(let node):
            if case .join(let join) = node.input { return try await filteredJoin(node, join, metrics) }
            return try await unary(node.input, node.origin, metrics) { try FilterOperator.apply(node, to: $0) }
        case .project(let node):
            return try await unary(node.input, node.origin, metrics) { try ProjectOperator.apply(node, to: $0) }
        case .aggregate(let node):
            return try await unary(node.input, node.origin, metrics) { try AggregateOperator.apply(node, to: $0, options: options) }
        case .join(let node):
            return try joined(node, try await stream(node.left, metrics: metrics), try await stream(node.right, metrics: metrics), metrics)
        case .limit(let node):
            return try await unary(node.input, node.origin, metrics) { LimitOperator.apply(node, to: $0) }
        case .distinct(let node):
            return try await unary(node.input, node.origin, metrics) { try DistinctOperator.apply(node, to: $0, options: options) }
        case .union(let node):
            var inputs: [RecordBatchStream] = []
            for plan in node.inputs { inputs.append(try await stream(plan, metrics: metrics)) }
            return try UnionOperator.apply(node, to: inputs).metered(step: node.origin.stepIndex, into: metrics)
        case .sort(let node):
            return try await unary(node.input, node.origin, metrics) { try SortOperator.apply(node, to: $0, options: options) }
        case .cache(let node):
            return try await CacheOperator.apply(node) { try await stream(node.input, metrics: metrics) }
                .metered(step: node.origin.stepIndex, into: metrics)
        case .window(let node):
            return try await unary(node.input, node.origin, metrics) { try WindowOperator.apply(node, to: $0) }
        case .transform(let node):
            return try await unary(node.input, node.origin, metrics) { try node.apply($0) }
        case .unpivot(let node):
            return try await unary(node.input, node.origin, metrics) { try UnpivotOperator.apply(node, to: $0) }
        case .write:
            throw SluiceError(.internalError, "a write cannot feed another node")
        }
    }

    /// A filter over a join: the parts of its condition that read one input only run on that
    /// input, before the join (`JoinFilterPushdown`); the rest runs on the join's output.
    private func filteredJoin(_ filter: FilterNode, _ join: JoinNode, _ metrics: StepMetrics) async throws -> RecordBatchStream {
        var left = try await stream(join.left, metrics: metrics)
        var right = try await stream(join.right, metrics: metrics)
        let split = JoinFilterPushdown.split(filter.condition.expression, type: join.type, left: left.schema, right: right.schema)
        func filtering(_ parts: [Expression], _ input: RecordBatchStream) throws -> RecordBatchStream {
            guard !parts.isEmpty else { return input }
            var part = filter
            part.condition.expression = JoinFilterPushdown.conjunction(parts)
            return try FilterOperator.apply(part, to: input)
        }
        left = try filtering(split.left, left)
        right = try filtering(split.right, right)
        return try filtering(split.remaining, joined(join, left, right, metrics)).metered(step: filter.origin.stepIndex, into: metrics)
    }

    /// The hash join of two input streams, metered under its step.
    private func joined(_ join: JoinNode, _ left: RecordBatchStream, _ right: RecordBatchStream,
                        _ metrics: StepMetrics) throws -> RecordBatchStream {
        try HashJoinOperator.apply(join, left: left, right: right, options: options).metered(step: join.origin.stepIndex, into: metrics)
    }
}
