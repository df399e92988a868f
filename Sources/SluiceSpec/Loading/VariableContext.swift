/// Where `${...}` values come from when a pipeline file is loaded.
public struct VariableContext: Sendable {
    /// `--var name=value` values: they win over everything.
    public var cliVariables: [String: String]
    /// The environment, read by `${env:NAME}`.
    public var environment: [String: String]
    /// Values of the run: `run_id`, `run_date`, `last_run_timestamp`.
    public var runtime: [String: String]
    /// When set, records every named variable the load reads (not `${env:...}`).
    public var uses: VariableUses?

    public init(cliVariables: [String: String] = [:], environment: [String: String] = [:], runtime: [String: String] = [:],
                uses: VariableUses? = nil) {
        self.cliVariables = cliVariables
        self.environment = environment
        self.runtime = runtime
        self.uses = uses
    }
}
