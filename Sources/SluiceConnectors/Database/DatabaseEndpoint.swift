import Foundation
import SluiceSpec

/// Where a database step connects: the credential path its settings are found under, where
/// the step was written (for errors), and the environment to read (the process's unless a
/// test gives another). Settings are resolved when the step runs, never when it is planned.
public struct DatabaseEndpoint: Sendable {
    public let credentialPath: String
    public let origin: ConfigOrigin?
    private let environment: [String: String]?

    public init(credentialPath: String, origin: ConfigOrigin?, environment: [String: String]?) {
        self.credentialPath = credentialPath
        self.origin = origin
        self.environment = environment
    }

    /// The connection settings (see `DatabaseCredentials.resolve`).
    public func credentials(defaultPort: Int) throws(SluiceError) -> DatabaseCredentials {
        try DatabaseCredentials.resolve(credentialPath: credentialPath, defaultPort: defaultPort,
                                        environment: environment ?? ProcessInfo.processInfo.environment, origin: origin)
    }
}
