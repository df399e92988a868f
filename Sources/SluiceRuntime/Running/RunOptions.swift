import Foundation
import SluiceEngine
import SluiceSpec

/// How to run a pipeline file.
public struct RunOptions: Sendable {
    /// `--var name=value` values; they override the file's `variables`.
    public var variables: [String: String]
    /// `--engine`; overrides the file's `engine`.
    public var engine: EngineKind?
    /// The environment `${env:NAME}` reads.
    public var environment: [String: String]
    /// `--memory-limit` and the spill directory of the local engine.
    public var engineOptions: EngineOptions
    /// Whether a large CSV file's column types may be inferred from a sample (default true).
    /// Every value is still checked while it is read; when one does not fit, the runner
    /// plans the pipeline again with inference over every value and runs it from the start.
    public var sampledInference = true

    public init(variables: [String: String] = [:], engine: EngineKind? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                engineOptions: EngineOptions = EngineOptions()) {
        self.variables = variables
        self.engine = engine
        self.environment = environment
        self.engineOptions = engineOptions
    }
}
