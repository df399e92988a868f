import CMariaDB
import Dispatch
import Foundation
import SluiceSpec

/// One connection to a MySQL or MariaDB server through Debian's libmariadb.
///
/// libmariadb blocks, so every call runs on the connection's own serial queue, never on the
/// tasks' shared threads; a connection is used by one task at a time. The session is set to
/// UTC and utf8mb4, so TIMESTAMP values and text read and write unchanged.
final class MySQLConnection: @unchecked Sendable {
    /// The port used when `…_PORT` is not set.
    static let defaultPort = 3306

    let handle: UnsafeMutablePointer<MYSQL>
    private let queue = DispatchQueue(label: "sluice.mysql.connection")
    private var closed = false
    let origin: ConfigOrigin?

    private init(handle: UnsafeMutablePointer<MYSQL>, origin: ConfigOrigin?) {
        self.handle = handle
        self.origin = origin
    }

    /// A new connection to the server `credentials` name.
    static func connect(_ credentials: DatabaseCredentials, origin: ConfigOrigin?) async throws -> MySQLConnection {
        let action = "connecting to MySQL at \(credentials.summary)"
        let connection = try await onNewThread { () throws(SluiceError) -> MySQLConnection in
            guard credentials.tls == .prefer else { return try open(credentials, tls: credentials.tls, action: action, origin: origin) }
            // `prefer`: encrypted when the server can, else in the clear.
            do throws(SluiceError) {
                return try open(credentials, tls: .prefer, action: action, origin: origin)
            } catch {
                guard error.code == .tlsFailed else { throw error }
                return try open(credentials, tls: .disable, action: action, origin: origin)
            }
        }
        do {
            try await connection.run { connection throws(SluiceError) in
                guard mysql_set_character_set(connection.handle, "utf8mb4") == 0 else {
                    throw MySQLConnection.error(of: connection.handle, action: action, origin: origin)
                }
            }
            try await connection.execute("SET time_zone = '+00:00'", action: action)
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    /// Opens a connection (blocking), encrypted as `tls` says: `prefer` asks for TLS (the caller
    /// retries in the clear if that fails), `require` insists on it without checking the
    /// certificate, the verifying modes check it against the system's authorities (libmariadb
    /// checks the host name too). A connection that should be encrypted but is not is refused.
    private static func open(_ credentials: DatabaseCredentials, tls: DatabaseCredentials.TLSMode, action: String,
                             origin: ConfigOrigin?) throws(SluiceError) -> MySQLConnection {
        try MariaDBLibrary.require(action: action, origin: origin)
        guard let handle = mysql_init(nil) else {
            throw SluiceError(.internalError, "\(action): out of memory")
        }
        var timeout: UInt32 = 10
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
        if tls != .disable {
            var enforce: my_bool = 1
            var verify: my_bool = tls == .verifyFull || tls == .verifyCA ? 1 : 0
            mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &enforce)
            mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify)
        }
        guard mysql_real_connect(handle, credentials.host, credentials.user, credentials.password, credentials.database,
                                 UInt32(credentials.port), nil, 0) != nil else {
            let error = MySQLConnection.error(of: handle, action: action, origin: origin)
            mysql_close(handle)
            throw error
        }
        if tls != .disable, tls != .prefer, mysql_get_ssl_cipher(handle) == nil {
            mysql_close(handle)
            throw SluiceError(.tlsFailed, "\(action): the server does not offer encrypted connections (SSLMODE \(tls.rawValue))",
                              location: origin?.location, jsonPath: origin?.jsonPath,
                              hint: "set …_SSLMODE to prefer or disable, or enable TLS on the server")
        }
        return MySQLConnection(handle: handle, origin: origin)
    }

    /// Runs `body` on the connection's queue.
    func run<T: Sendable>(_ body: @escaping @Sendable (MySQLConnection) throws(SluiceError) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do throws(SluiceError) {
                    continuation.resume(returning: try body(self))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func onNewThread<T: Sendable>(_ body: @escaping @Sendable () throws(SluiceError) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do throws(SluiceError) {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Runs a statement that returns no rows (or whose rows are dropped).
    func execute(_ sql: String, action: String) async throws {
        try await run { connection throws(SluiceError) in
            guard mysql_real_query(connection.handle, sql, UInt(sql.utf8.count)) == 0 else {
                throw MySQLConnection.error(of: connection.handle, action: action, origin: connection.origin)
            }
            if let result = mysql_store_result(connection.handle) { mysql_free_result(result) }
        }
    }

    /// A connection dropped without `close()` (a task cancelled mid-step) still frees its handle.
    deinit {
        if !closed { mysql_close(handle) }
    }

    /// Closes the connection; later calls do nothing.
    func close() async {
        _ = try? await run { connection in
            if !connection.closed { mysql_close(connection.handle) }
            connection.closed = true
        }
    }

    /// The connection's last error as a `SluiceError`.
    static func error(of handle: UnsafeMutablePointer<MYSQL>, action: String, origin: ConfigOrigin?) -> SluiceError {
        error(number: mysql_errno(handle), message: String(cString: mysql_error(handle)),
              state: String(cString: mysql_sqlstate(handle)), action: action, origin: origin)
    }

    /// A `SluiceError` for a client or server error number: lost and refused connections,
    /// lock time-outs and deadlocks are transient; the rest follows the SQLSTATE.
    static func error(number: UInt32, message: String, state: String, action: String, origin: ConfigOrigin?) -> SluiceError {
        let code: SluiceError.Code
        switch number {
        case 2002, 2003, 2005, 1040: code = .connectionRefused
        case 2006, 2013, 2055, 1213: code = .connectionReset
        case 1205: code = .timeout
        case 1045, 1044: code = .authenticationFailed
        case 2026: code = .tlsFailed
        case 1146: code = .inputNotFound
        default: code = DatabaseErrors.code(forSQLState: state)
        }
        return SluiceError(code, "\(action): MySQL error \(number) (\(state)): \(message)",
                           location: origin?.location, jsonPath: origin?.jsonPath,
                           hint: code == .connectionRefused ? "is the server running and reachable? check the …_HOST and …_PORT settings" : nil)
    }
}
