import Foundation
@testable import SluiceConnectors
import SluiceSpec
import Testing

/// How the PostgreSQL connector sets up a connection, against a listener that records what
/// arrives (`FirstBytesServer`): the start-up message follows the TCP connect at once, and a
/// connection dropped before start-up is tried again.
@Suite struct PostgresConnectTests {
    static func credentials(port: Int, tls: DatabaseCredentials.TLSMode) -> DatabaseCredentials {
        DatabaseCredentials(host: "127.0.0.1", port: port, database: "sales", user: "loader", password: "secret", tls: tls)
    }

    /// Whether `bytes` open with a version 3.0 start-up message for user `loader`.
    static func isStartupMessage(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 8 && Array(bytes[4..<8]) == [0, 3, 0, 0]
            && String(decoding: bytes.dropFirst(8), as: UTF8.self).contains("user\0loader\0")
    }

    /// The 8-byte request to encrypt the connection (code 80877103).
    static let sslRequest: [UInt8] = [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F]

    /// The server waits two seconds for the first bytes; the task that connects is not run
    /// again until the server has given up or received them. The first message (the start-up,
    /// or the request to encrypt) must not wait for the task, or the server closes the
    /// connection unused.
    @Test(arguments: [DatabaseCredentials.TLSMode.disable, .require])
    func theFirstMessageFollowsTheConnectWithoutWaitingForTheTask(tls: DatabaseCredentials.TLSMode) async throws {
        let server = try FirstBytesServer(dropped: 0, watched: 1, patience: 2)
        let executor = GatedExecutor(gate: server.recorded)
        let attempt = Task(executorPreference: executor) {
            try await PostgresConnector.open(Self.credentials(port: server.port, tls: tls), origin: nil)
        }
        _ = await attempt.result
        let first = try #require(server.firstBytes.first)
        if tls == .disable {
            #expect(Self.isStartupMessage(first), "first bytes: \(first)")
        } else {
            #expect(first == Self.sslRequest)
        }
    }

    @Test func aConnectionDroppedBeforeStartupIsTriedTwiceMore() async throws {
        let server = try FirstBytesServer(dropped: 2, watched: 1, patience: 5)
        let error = await #expect(throws: SluiceError.self) {
            try await PostgresConnector.open(Self.credentials(port: server.port, tls: .disable), origin: nil)
        }
        #expect(server.accepted == 3)
        #expect(server.firstBytes.count == 1 && Self.isStartupMessage(server.firstBytes[0]))
        // The third attempt's start-up went unanswered: reported as a closed connection, naming the server.
        #expect(error?.code == .connectionReset)
        #expect(error?.message.contains("connecting to PostgreSQL at loader@127.0.0.1:\(server.port)/sales") == true)
    }

    @Test func aServerThatIsNotListeningIsReportedAfterTheRetries() async throws {
        let server = try FirstBytesServer(dropped: 1, watched: 0, patience: 0)
        let first = await #expect(throws: SluiceError.self) {
            try await PostgresConnector.open(Self.credentials(port: server.port, tls: .disable), origin: nil)
        }
        #expect(server.accepted == 1)
        #expect(first?.code == .connectionRefused)
        #expect(first?.hint?.contains("…_HOST and …_PORT") == true)
    }
}
