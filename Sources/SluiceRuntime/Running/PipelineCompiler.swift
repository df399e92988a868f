import Foundation
import SluiceSpark
import SluiceSpec

/// Loads a pipeline file and compiles it into a plan: includes, variables, decoding,
/// method and config checks, data flow. Shared by `run`, `validate` and `explain`, so they
/// accept and reject exactly the same files.
public struct PipelineCompiler: Sendable {
    public let registry: MethodRegistry

    public init(registry: MethodRegistry = .standard) {
        self.registry = registry
    }

    /// The plan of `file`, or `SluiceErrors` listing every problem found.
    /// - Parameter lastSuccessfulStart: looks up `${last_run_timestamp}` by pipeline name;
    ///   called only when the file uses that variable.
    public func compile(file: String, options: RunOptions, identity: RunIdentity,
                        lastSuccessfulStart: @Sendable (String) async throws -> Date?) async throws -> PipelinePlan {
        let uses = VariableUses()
        var context = VariableContext(cliVariables: options.variables, environment: options.environment,
                                      runtime: identity.variables(lastSuccessfulStart: nil), uses: uses)
        var spec = try PipelineLoader.load(file: file, context: context)
        if uses.contains(RunIdentity.lastRunTimestamp), options.variables[RunIdentity.lastRunTimestamp] == nil {
            // Loaded again with the value, which is looked up only for a file that uses it.
            context.runtime = identity.variables(lastSuccessfulStart: try await lastSuccessfulStart(spec.name))
            spec = try PipelineLoader.load(file: file, context: context)
        }
        if spec.mode == .streaming {
            throw SluiceError(.unsupported, "streaming pipelines are not available in this version of Sluice",
                              location: SourceLocation(file: file, line: 1, column: 1), jsonPath: "$.mode",
                              hint: "set \"mode\": \"batch\" to run the pipeline once over its current input")
        }
        let engine = options.engine ?? spec.engine ?? .local
        if engine == .spark, !SparkConnect.isAvailable {
            throw SluiceError(.unsupported, "the Spark engine is not available in this version of Sluice",
                              location: SourceLocation(file: file, line: 1, column: 1),
                              hint: "run with --engine local (the default)")
        }
        return try PipelinePlanner(registry: registry, sampledInference: options.sampledInference).plan(spec, runId: identity.runId)
    }
}

/// Reads a pipeline's `name` before variables are known: `${last_run_timestamp}` depends on it.
enum PipelineNamePeek {
    static func name(of file: String) -> String? {
        guard let data = FileManager.default.contents(atPath: file),
              let document = try? JSONParser.parse(bytes: Array(data), file: file) else { return nil }
        return document["name"]?.stringValue
    }
}
