import Foundation
import Logging
import PostgresNIO
import SluiceSpec

/// Opens PostgreSQL connections and turns postgres-nio's errors into `SluiceError`s.
enum PostgresConnector {
    /// The port used when `…_PORT` is not set.
    static let defaultPort = 5432
    /// postgres-nio logs below Sluice's own logging; its lines are not for users.
    static let logger = Logger(label: "sluice.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A new connection, encrypted as `credentials.tls` says.
    static func connect(_ credentials: DatabaseCredentials, origin: ConfigOrigin?) async throws -> PostgresConnection {
        try await open(credentials, origin: origin).connection
    }

    /// A new connection and the channel under it. The channel is opened here rather than by
    /// postgres-nio so that the reader can stream rows on it directly (`PostgresRowStreamHandler`).
    ///
    /// An attempt that fails before the server has taken the connection (the TCP connect fails,
    /// or the connection is closed before authentication) is tried twice more, after 0.2 s and
    /// then 1 s; authentication, encryption and server errors are reported at once.
    static func open(_ credentials: DatabaseCredentials, origin: ConfigOrigin?) async throws
        -> (connection: PostgresConnection, channel: any Channel) {
        let action = "connecting to PostgreSQL at \(credentials.summary)"
        do {
            let tls = try tls(credentials.tls)
            var pauses: [Duration] = [.milliseconds(200), .seconds(1)]
            while true {
                do {
                    return try await handshake(credentials, tls: tls, action: action, origin: origin).get()
                } catch where !pauses.isEmpty && isUnreached(sluiceError(error, action: action, origin: origin)) {
                    try await Task.sleep(for: pauses.removeFirst())
                }
            }
        } catch {
            throw sluiceError(error, action: action, origin: origin)
        }
    }

    /// The TCP connection and PostgreSQL's start-up on it, chained on the channel's event loop.
    /// No task has to be scheduled between the two: in a busy process that could take longer
    /// than the server waits for the start-up message (`authentication_timeout`, 60 s by
    /// default), and the server would close the connection before it began.
    /// An address is connected to directly; a host name is resolved first.
    static func handshake(_ credentials: DatabaseCredentials, tls: PostgresConnection.Configuration.TLS,
                          action: String, origin: ConfigOrigin?)
        -> EventLoopFuture<(connection: PostgresConnection, channel: any Channel)> {
        let bootstrap = ClientBootstrap(group: PostgresConnection.defaultEventLoopGroup).connectTimeout(.seconds(10))
        let connected: EventLoopFuture<any Channel>
        if let address = try? SocketAddress(ipAddress: credentials.host, port: credentials.port) {
            connected = bootstrap.connect(to: address)
        } else {
            connected = bootstrap.connect(host: credentials.host, port: credentials.port)
        }
        return connected.flatMapErrorThrowing { error in
            throw cannotConnect("\(error)", action: action, origin: origin)
        }.flatMap { channel in
            var configuration = PostgresConnection.Configuration(
                establishedChannel: channel, tls: tls, username: credentials.user,
                password: credentials.password, database: credentials.database)
            // The host names the server in its certificate, unless it is an address (as postgres-nio does).
            if (try? SocketAddress(ipAddress: credentials.host, port: 0)) == nil {
                configuration.options.tlsServerName = credentials.host
            }
            return PostgresConnection.connect(on: channel.eventLoop, configuration: configuration,
                                              id: .random(in: 1...Int.max), logger: logger)
                .map { (connection: $0, channel: channel) }
                .flatMapError { error in
                    channel.close().flatMapErrorThrowing { _ in }.flatMapThrowing { throw error }
                }
        }
    }

    /// Whether `error` means the server never took the connection, so that trying again is safe.
    private static func isUnreached(_ error: SluiceError) -> Bool {
        error.code == .connectionRefused || error.code == .connectionReset
    }

    /// Adds a handler that speaks the protocol on `channel` itself: after TLS, where the bytes
    /// are the protocol's, and before postgres-nio's handler, which must be idle meanwhile.
    static func addProtocolHandler(_ handler: some ChannelHandler & Sendable, to channel: any Channel) async throws {
        try await channel.eventLoop.submit {
            let pipeline = channel.pipeline.syncOperations
            if let tls = try? pipeline.handler(type: NIOSSLClientHandler.self) {
                try pipeline.addHandler(handler, position: .after(tls))
            } else {
                try pipeline.addHandler(handler, position: .first)
            }
        }.get()
    }

    /// postgres-nio's TLS setting for a mode; the verifying modes trust the system's authorities.
    private static func tls(_ mode: DatabaseCredentials.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        let context = try NIOSSLContext(configuration: configuration)
        return mode == .prefer ? .prefer(context) : .require(context)
    }

    /// Runs `sql` and drops its result.
    static func execute(_ sql: String, on connection: PostgresConnection, action: String,
                        origin: ConfigOrigin?, binds: PostgresBindings = PostgresBindings()) async throws {
        do {
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).collect()
        } catch {
            throw sluiceError(error, action: action, origin: origin)
        }
    }

    /// The rows of `sql`, all in memory (for catalog look-ups).
    static func rows(_ sql: String, on connection: PostgresConnection, action: String, origin: ConfigOrigin?,
                     binds: PostgresBindings = PostgresBindings()) async throws -> [PostgresRow] {
        do {
            return try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).collect()
        } catch {
            throw sluiceError(error, action: action, origin: origin)
        }
    }

    /// A `SluiceError` for anything postgres-nio threw while doing `action`.
    static func sluiceError(_ error: any Error, action: String, origin: ConfigOrigin?) -> SluiceError {
        if let error = error as? SluiceError { return error }
        if let error = error as? PostgresServerError {
            return DatabaseErrors.serverError(system: "PostgreSQL", state: error.state, message: error.message,
                                              detail: error.detail, action: action, origin: origin)
        }
        if error is CancellationError {
            return SluiceError(.timeout, "\(action): cancelled", location: origin?.location, jsonPath: origin?.jsonPath)
        }
        if error is ChannelError || error is IOError {
            return SluiceError(.connectionReset, "\(action): the connection was closed (\(error))",
                               location: origin?.location, jsonPath: origin?.jsonPath)
        }
        guard let error = error as? PSQLError else {
            return SluiceError(.connectionRefused, "\(action): \(error)", location: origin?.location, jsonPath: origin?.jsonPath,
                               hint: "is the server running and reachable? check the …_HOST and …_PORT settings")
        }
        switch error.code {
        case .server:
            let info = error.serverInfo
            return DatabaseErrors.serverError(
                system: "PostgreSQL", state: info?[.sqlState] ?? "XX000", message: info?[.message] ?? "\(error)",
                detail: info?[.detail] ?? info?[.hint], action: action, origin: origin)
        case .sslUnsupported:
            return SluiceError(.tlsFailed, "\(action): the server does not offer encrypted connections",
                               location: origin?.location, jsonPath: origin?.jsonPath,
                               hint: "set …_SSLMODE to prefer or disable, or enable ssl on the server")
        case .connectionError where error.underlying is NIOSSLError || error.underlying is BoringSSLError:
            return SluiceError(.tlsFailed, "\(action): the encrypted connection failed (\(error.underlying!))",
                               location: origin?.location, jsonPath: origin?.jsonPath,
                               hint: "verify-ca and verify-full trust the system's certificate authorities; use require to encrypt without checking")
        case .connectionError:
            return cannotConnect(error.underlying.map { "\($0)" } ?? "\(error)", action: action, origin: origin)
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return SluiceError(.connectionReset, "\(action): the connection was closed (\(error.code))",
                               location: origin?.location, jsonPath: origin?.jsonPath)
        case .authMechanismRequiresPassword, .unsupportedAuthMechanism, .saslError:
            return SluiceError(.authenticationFailed, "\(action): authentication failed (\(error.code))",
                               location: origin?.location, jsonPath: origin?.jsonPath,
                               hint: "check the …_USER and …_PASSWORD settings")
        default:
            return SluiceError(.databaseError, "\(action): \(error.code)", location: origin?.location, jsonPath: origin?.jsonPath)
        }
    }

    /// The error for a server that could not be reached.
    private static func cannotConnect(_ reason: String, action: String, origin: ConfigOrigin?) -> SluiceError {
        SluiceError(.connectionRefused, "\(action): cannot connect (\(reason))", location: origin?.location, jsonPath: origin?.jsonPath,
                    hint: "is the server running and reachable? check the …_HOST and …_PORT settings")
    }
}
