import SluiceEngine
import SluiceSpec

/// Compiles a `PipelineSpec` into a `PipelinePlan`, reporting every problem in one pass:
/// unknown methods, step types that do not match their method, config errors, and datasets
/// read before they are registered.
///
/// Data flows in file order: a step without `inputDataFrames` reads the previous step's
/// output; a step with names reads those datasets, which earlier steps registered with
/// `registerAs` (a later `registerAs` of the same name shadows the earlier one).
public struct PipelinePlanner: Sendable {
    public let registry: MethodRegistry
    /// Whether file sources may infer a large text file's schema from a sample (see `RunOptions.sampledInference`).
    public var sampledInference: Bool

    public init(registry: MethodRegistry = .standard, sampledInference: Bool = true) {
        self.registry = registry
        self.sampledInference = sampledInference
    }

    public func plan(_ spec: PipelineSpec, runId: String) throws -> PipelinePlan {
        var diagnostics = Diagnostics()
        var planned: [PlannedStep] = []
        var outputs: [Int: LogicalPlan] = [:]
        var registered: [String: Int] = [:]
        var previous: Int?
        let allRegistrations = Dictionary(spec.steps.compactMap { step in step.registerAs.map { ($0, step.index) } },
                                          uniquingKeysWith: { first, _ in first })

        for step in spec.steps {
            defer { previous = step.index }
            guard let method = registry.method(named: step.method) else {
                diagnostics.report(registry.unknownMethodError(step.method, type: step.type, location: step.location,
                                                               path: step.path.appending("method")))
                continue
            }
            if method.type != step.type {
                diagnostics.report(SluiceError(
                    .invalidValue, "'\(method.name)' is a \(method.type.rawValue) method, but the step's type is '\(step.type.rawValue)'",
                    location: step.location, jsonPath: step.path.appending("type").description,
                    hint: "set \"type\": \"\(method.type.rawValue)\""))
            }
            let configPath = step.path.appending("config")
            let problems = ConfigValidator.problems(in: step.config, at: configPath, for: method, stepLocation: step.location)
            problems.forEach { diagnostics.report($0) }

            let inputSteps = resolveInputs(of: step, method: method, registered: registered, later: allRegistrations,
                                           previous: previous, diagnostics: &diagnostics)
            if let name = step.registerAs { registered[name] = step.index }
            guard problems.isEmpty, let inputSteps else { continue }
            // An input whose step failed to plan is stood in for, so this step's own config is still checked.
            let inputs = inputSteps.map { outputs[$0] ?? PlaceholderSource.plan(for: $0) }
            let datasets = Dictionary(registered.compactMap { name, index in outputs[index].map { (name.lowercased(), $0) } },
                                      uniquingKeysWith: { first, _ in first })
            let context = MethodContext(
                step: step, config: ConfigReader(node: step.config, basePath: configPath, keys: method.keys),
                inputs: inputs, runId: runId, datasets: datasets, sampledInference: sampledInference)
            do {
                let stepPlan = try method.build(context)
                outputs[step.index] = stepPlan.output
                let lowered = Dictionary(registered.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
                let reads = stepPlan.reads.compactMap { lowered[$0.lowercased()] }
                planned.append(PlannedStep(step: step, method: method, inputSteps: inputSteps + reads, plan: stepPlan))
            } catch {
                diagnostics.report(any: error)
            }
        }
        try diagnostics.throwIfAny()
        return PipelinePlan(spec: spec, steps: planned)
    }

    /// The steps whose outputs `step` reads, or nil (with errors reported) when they cannot be found.
    private func resolveInputs(of step: StepSpec, method: MethodDescriptor, registered: [String: Int],
                               later: [String: Int], previous: Int?, diagnostics: inout Diagnostics) -> [Int]? {
        let path = step.path.appending("inputDataFrames").description
        if method.inputs == .none {
            if !step.inputDataFrames.isEmpty {
                diagnostics.report(SluiceError(
                    .invalidValue, "'\(method.name)' reads no dataset, but the step names inputDataFrames",
                    location: step.location, jsonPath: path, hint: "remove inputDataFrames from this step"))
                return nil
            }
            return []
        }
        if step.inputDataFrames.isEmpty {
            guard let previous else {
                diagnostics.report(SluiceError(
                    .unknownDataset, "'\(method.name)' needs an input, but it is the first step",
                    location: step.location, jsonPath: step.path.description,
                    hint: "start the pipeline with an extract step, or name a dataset in inputDataFrames"))
                return nil
            }
            return [previous]
        }
        if method.inputs == .one, step.inputDataFrames.count > 1 {
            diagnostics.report(SluiceError(
                .invalidValue, "'\(method.name)' reads one dataset, but inputDataFrames names \(step.inputDataFrames.count)",
                location: step.location, jsonPath: path))
            return nil
        }
        var indices: [Int] = []
        for name in step.inputDataFrames {
            if let index = registered[name] {
                indices.append(index)
            } else if let laterIndex = later[name], laterIndex >= step.index {
                diagnostics.report(SluiceError(
                    .unknownDataset, "dataset '\(name)' is used before it is registered (step \(laterIndex + 1) registers it)",
                    location: step.location, jsonPath: path,
                    hint: "steps run in file order: move the step that registers '\(name)' before this one"))
            } else {
                diagnostics.report(SluiceError(
                    .unknownDataset, "no step registers a dataset named '\(name)'",
                    location: step.location, jsonPath: path,
                    hint: NameSuggester.hint(for: name, in: registered.keys)
                        ?? (registered.isEmpty ? "no dataset is registered before this step"
                            : "registered so far: \(registered.keys.sorted().joined(separator: ", "))")))
            }
        }
        return indices.count == step.inputDataFrames.count ? indices : nil
    }
}
