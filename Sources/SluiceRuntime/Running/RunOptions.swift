import Foundation
import SluiceSpec

/// How to run a pipeline file.
public struct RunOptions: Sendable {
    /// `--var name=value` values; they override the file's `variables`.
    public var variables: [String: String]
    /// `--engine`; overrides the file's `engine`.
    public var engine: EngineKind?
    /// The environment `${env:NAME}` reads.
    public var environment: [String: String]

    public init(variables: [String: String] = [:], engine: EngineKind? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.variables = variables
        self.engine = engine
        self.environment = environment
    }
}
