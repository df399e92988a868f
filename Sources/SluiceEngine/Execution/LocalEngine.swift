/// The embedded engine: executes logical plans in this process, streaming batches.
public struct LocalEngine: Sendable {
    public init() {}

    /// Runs the write at the root of `plan` up to its staging phase: every batch is written
    /// where readers cannot see it yet. The caller commits or aborts the result.
    ///
    /// Rows and time are recorded per step in `metrics`.
    public func stage(_ plan: LogicalPlan, metrics: StepMetrics) async throws -> any StagedWrite {
        guard case .write(let node) = ColumnPruning.apply(plan) else {
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

    /// The batches a non-write node produces, metered under its step.
    func stream(_ plan: LogicalPlan, metrics: StepMetrics) async throws -> RecordBatchStream {
        switch plan {
        case .scan(let node):
            // Sources parse on their own task, ahead of the operators that consume them.
            return try await node.source.scan(columns: node.columns).metered(step: node.origin.stepIndex, into: metrics).prefetched()
        case .filter(let node):
            let input = try await stream(node.input, metrics: metrics)
            return try FilterOperator.apply(node, to: input).metered(step: node.origin.stepIndex, into: metrics)
        case .project(let node):
            let input = try await stream(node.input, metrics: metrics)
            return try ProjectOperator.apply(node, to: input).metered(step: node.origin.stepIndex, into: metrics)
        case .aggregate(let node):
            let input = try await stream(node.input, metrics: metrics)
            return try AggregateOperator.apply(node, to: input).metered(step: node.origin.stepIndex, into: metrics)
        case .join(let node):
            let left = try await stream(node.left, metrics: metrics)
            let right = try await stream(node.right, metrics: metrics)
            return try HashJoinOperator.apply(node, left: left, right: right).metered(step: node.origin.stepIndex, into: metrics)
        case .limit(let node):
            let input = try await stream(node.input, metrics: metrics)
            return LimitOperator.apply(node, to: input).metered(step: node.origin.stepIndex, into: metrics)
        case .distinct(let node):
            let input = try await stream(node.input, metrics: metrics)
            return try DistinctOperator.apply(node, to: input).metered(step: node.origin.stepIndex, into: metrics)
        case .union(let node):
            var inputs: [RecordBatchStream] = []
            for plan in node.inputs { inputs.append(try await stream(plan, metrics: metrics)) }
            return try UnionOperator.apply(node, to: inputs).metered(step: node.origin.stepIndex, into: metrics)
        case .sort(let node):
            let input = try await stream(node.input, metrics: metrics)
            return try SortOperator.apply(node, to: input).metered(step: node.origin.stepIndex, into: metrics)
        case .cache(let node):
            return try await CacheOperator.apply(node) { try await stream(node.input, metrics: metrics) }
                .metered(step: node.origin.stepIndex, into: metrics)
        case .window(let node):
            let input = try await stream(node.input, metrics: metrics)
            return try WindowOperator.apply(node, to: input).metered(step: node.origin.stepIndex, into: metrics)
        case .unpivot(let node):
            let input = try await stream(node.input, metrics: metrics)
            return try UnpivotOperator.apply(node, to: input).metered(step: node.origin.stepIndex, into: metrics)
        case .write:
            throw SluiceError(.internalError, "a write cannot feed another node")
        }
    }
}

import Foundation
import SluiceSpec
