/// A decoded pipeline file: what to run, in which order, and how to retry.
///
/// Produced by `PipelineLoader` after includes are inlined and variables substituted;
/// every step keeps the location of its JSON so later stages can point errors at it.
public struct PipelineSpec: Sendable, Hashable {
    /// The pipeline's name: it keys run history and `${last_run_timestamp}`.
    public var name: String
    public var description: String?
    /// `batch` (default) or `streaming`.
    public var mode: PipelineMode
    /// Default values for `${name}` variables; `--var` overrides them.
    public var variables: [String: String]
    /// How a failed run is retried (transient errors only).
    public var retry: RetrySpec
    /// The engine named in the file (`local` or `spark`), if any; `--engine` overrides it.
    public var engine: EngineKind?
    /// Spark settings passed through to a Spark session (ignored by the local engine).
    public var sparkConfig: [String: String]
    /// The steps in file order.
    public var steps: [StepSpec]
    /// The pipeline file as the user named it.
    public var file: String

    public init(
        name: String,
        description: String? = nil,
        mode: PipelineMode = .batch,
        variables: [String: String] = [:],
        retry: RetrySpec = RetrySpec(),
        engine: EngineKind? = nil,
        sparkConfig: [String: String] = [:],
        steps: [StepSpec],
        file: String
    ) {
        self.name = name
        self.description = description
        self.mode = mode
        self.variables = variables
        self.retry = retry
        self.engine = engine
        self.sparkConfig = sparkConfig
        self.steps = steps
        self.file = file
    }
}

/// Whether a pipeline runs once over bounded input or continuously.
public enum PipelineMode: String, Sendable, Hashable, CaseIterable {
    case batch
    case streaming
}

/// The engine that executes a pipeline's plan.
public enum EngineKind: String, Sendable, Hashable, CaseIterable {
    /// The embedded columnar engine: one process, all cores.
    case local
    /// Apache Spark through Spark Connect.
    case spark
}
