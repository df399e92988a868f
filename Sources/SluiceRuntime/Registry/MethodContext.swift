import SluiceConnectors
import SluiceEngine
import SluiceSpec

/// What a method's `build` function gets: its step, its configuration, its inputs, the run.
public struct MethodContext: Sendable {
    public let step: StepSpec
    /// Typed access to the step's `config`, with the method's defaults.
    public let config: ConfigReader
    /// The plans of the datasets the step reads, in `inputDataFrames` order.
    public let inputs: [LogicalPlan]
    /// The run this plan is built for (names staging areas).
    public let runId: String
    /// Every dataset registered before this step, by lower-cased name (for `sql`).
    public let datasets: [String: LogicalPlan]
    /// Whether file sources may infer a large text file's schema from a sample (see `RunOptions.sampledInference`).
    public let sampledInference: Bool

    public init(step: StepSpec, config: ConfigReader, inputs: [LogicalPlan], runId: String,
                datasets: [String: LogicalPlan] = [:], sampledInference: Bool = true) {
        self.sampledInference = sampledInference
        self.step = step
        self.config = config
        self.inputs = inputs
        self.runId = runId
        self.datasets = datasets
    }

    /// Marks plan nodes with this step.
    public var origin: PlanOrigin {
        PlanOrigin(stepIndex: step.index, method: step.method, location: step.config.location,
                   jsonPath: config.basePath.description)
    }

    /// Where the value of `key` was written, for run-time errors about it.
    public func origin(of key: String) -> ConfigOrigin {
        let node = step.config[key]
        return ConfigOrigin(location: node?.location ?? step.location,
                            jsonPath: config.path(of: key).description)
    }

    /// The single input of a one-input method.
    public var input: LogicalPlan {
        get throws {
            guard let first = inputs.first else {
                throw SluiceError(.internalError, "step \(step.index + 1) has no input", location: step.location)
            }
            return first
        }
    }
}
