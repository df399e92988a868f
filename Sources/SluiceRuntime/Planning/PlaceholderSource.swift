import SluiceEngine
import SluiceSpec

/// Stands in for the output of a step that failed to plan, so the steps after it can still
/// be checked. A plan containing one is never run: the planner reports the failure.
struct PlaceholderSource: Source {
    let stepIndex: Int

    var summary: String { "unavailable output of step \(stepIndex + 1)" }

    func schema() async throws -> Schema { throw unavailable }
    func scan() async throws -> RecordBatchStream { throw unavailable }

    private var unavailable: SluiceError {
        SluiceError(.internalError, "step \(stepIndex + 1) has errors, so its output cannot be read")
    }

    static func plan(for stepIndex: Int) -> LogicalPlan {
        .scan(ScanNode(source: PlaceholderSource(stepIndex: stepIndex), origin: PlanOrigin(stepIndex: stepIndex, method: "unavailable")))
    }
}
