import SluiceEngine
import SluiceSpec

/// A pipeline compiled into plan nodes: one entry per step, in file order, each knowing the
/// datasets it reads. Building it touches no data.
public struct PipelinePlan: Sendable {
    public let spec: PipelineSpec
    public let steps: [PlannedStep]

    /// The steps that run work (loads), in file order.
    public var actions: [(step: PlannedStep, plan: LogicalPlan)] {
        steps.compactMap { step in step.plan.action.map { (step, $0) } }
    }
}

/// One step of a compiled pipeline.
public struct PlannedStep: Sendable {
    public let step: StepSpec
    public let method: MethodDescriptor
    /// The indices of the steps whose outputs this step reads.
    public let inputSteps: [Int]
    public let plan: StepPlan

    /// The step's name in plans and logs.
    public var name: String { step.displayName }
}
