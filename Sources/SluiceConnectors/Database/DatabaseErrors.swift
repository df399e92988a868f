import SluiceSpec

extension SluiceError.Code {
    /// The database server refused a statement for a reason no retry cures (a constraint, a
    /// permission, a value out of range).
    public static let databaseError = SluiceError.Code("database-error", kind: .failure)
    /// The server rejected the user name or password.
    public static let authenticationFailed = SluiceError.Code("authentication-failed", kind: .failure)
    /// An encrypted connection could not be set up: the server offers none, or its
    /// certificate is not trusted (`SSLMODE`).
    public static let tlsFailed = SluiceError.Code("tls-failed", kind: .failure)
}

/// Turns a database server's error into a `SluiceError`, keeping its SQLSTATE and message.
public enum DatabaseErrors {
    /// The code for a SQLSTATE: connection losses and server shutdowns are transient
    /// (`connection-reset`), too many connections too (`connection-refused`), a cancelled
    /// statement or a lock wait that ran out is a `timeout`; a missing table is `input-not-found`, other syntax and
    /// name errors are mistakes in the pipeline (`invalid-value`), bad data is
    /// `malformed-data`, the rest `database-error`.
    public static func code(forSQLState state: String) -> SluiceError.Code {
        switch state {
        case "53300", "08004": return .connectionRefused
        case "57014", "55P03": return .timeout
        case "57P01", "57P02", "57P03", "40001", "40P01": return .connectionReset
        case "42P01", "42S02": return .inputNotFound
        case "28000", "28P01": return .authenticationFailed
        default: break
        }
        switch state.prefix(2) {
        case "08": return .connectionReset
        case "42": return .invalidValue
        case "22": return .malformedData
        default: return .databaseError
        }
    }

    /// `<action>: <system> error <SQLSTATE>: <message>`, with the server's detail as the hint.
    public static func serverError(system: String, state: String, message: String, detail: String?,
                                   action: String, origin: ConfigOrigin?) -> SluiceError {
        SluiceError(code(forSQLState: state), "\(action): \(system) error \(state): \(message)",
                    location: origin?.location, jsonPath: origin?.jsonPath, hint: detail)
    }
}
