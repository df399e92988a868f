import Foundation
import SluiceSpec

/// Where and as whom a connector connects to a database server.
///
/// Connection settings never live in pipeline files. A step names a `credentialPath`
/// (`"warehouse"`), and the settings come from environment variables under the prefix it
/// derives (`SLUICE_WAREHOUSE_`): `HOST`, `PORT`, `DATABASE`, `USER`, `PASSWORD`, and
/// `SSLMODE` (`disable`, `prefer` (the default), `require`, `verify-ca`, `verify-full`). Variables
/// missing from the environment are looked up in a `.env` file in the current directory,
/// so a developer's settings stay out of the repository.
public struct DatabaseCredentials: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var password: String?
    public var tls: TLSMode

    /// Whether and how a connection is encrypted, as libpq's `sslmode` names it.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Never encrypt.
        case disable
        /// Encrypt when the server offers it, without checking its certificate.
        case prefer
        /// Always encrypt, without checking the server's certificate.
        case require
        /// Always encrypt; the certificate must be signed by a trusted authority.
        case verifyCA = "verify-ca"
        /// Always encrypt; the certificate must be trusted and name the host.
        case verifyFull = "verify-full"
    }

    public init(host: String, port: Int, database: String, user: String, password: String?, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.tls = tls
    }

    /// The variable prefix of a credential path: `SLUICE_`, the path upper-cased with every
    /// character other than a letter or digit turned into `_`, then `_`
    /// (`prod/warehouse` → `SLUICE_PROD_WAREHOUSE_`).
    public static func environmentPrefix(for credentialPath: String) -> String {
        let name = credentialPath.uppercased().unicodeScalars.map { scalar -> Character in
            (scalar.isASCII && CharacterSet.alphanumerics.contains(scalar)) ? Character(scalar) : "_"
        }
        return "SLUICE_" + String(name) + "_"
    }

    /// The settings for `credentialPath`. `HOST` defaults to `localhost` and `PORT` to
    /// `defaultPort`; `DATABASE` and `USER` are required; `PASSWORD` may be absent.
    public static func resolve(
        credentialPath: String,
        defaultPort: Int,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        dotEnv: [String: String]? = nil,
        origin: ConfigOrigin? = nil
    ) throws(SluiceError) -> DatabaseCredentials {
        let prefix = environmentPrefix(for: credentialPath)
        let file = dotEnv ?? DotEnvFile.load()
        func setting(_ name: String) -> String? {
            let value = environment[prefix + name] ?? file[prefix + name]
            return value?.isEmpty == false ? value : nil
        }
        let missing = ["DATABASE", "USER"].filter { setting($0) == nil }
        guard missing.isEmpty else {
            throw SluiceError(
                .invalidValue,
                "no connection settings for credentialPath '\(credentialPath)': \(missing.map { prefix + $0 }.joined(separator: " and ")) not set",
                location: origin?.location, jsonPath: origin?.jsonPath,
                hint: "set \(prefix)HOST, \(prefix)PORT, \(prefix)DATABASE, \(prefix)USER and \(prefix)PASSWORD in the environment or in a .env file in the current directory")
        }
        var port = defaultPort
        if let text = setting("PORT") {
            guard let value = Int(text), (1...65_535).contains(value) else {
                throw SluiceError(.invalidValue, "\(prefix)PORT must be a port number, got '\(text)'",
                                  location: origin?.location, jsonPath: origin?.jsonPath)
            }
            port = value
        }
        var tls = TLSMode.prefer
        if let text = setting("SSLMODE") {
            guard let mode = TLSMode(rawValue: text.lowercased()) else {
                throw SluiceError(.invalidValue, "\(prefix)SSLMODE must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'",
                                  location: origin?.location, jsonPath: origin?.jsonPath)
            }
            tls = mode
        }
        return DatabaseCredentials(host: setting("HOST") ?? "localhost", port: port, database: setting("DATABASE")!,
                                   user: setting("USER")!, password: setting("PASSWORD"), tls: tls)
    }

    /// `user@host:port/database`, for plans, logs and errors (never the password).
    public var summary: String { "\(user)@\(host):\(port)/\(database)" }
}
