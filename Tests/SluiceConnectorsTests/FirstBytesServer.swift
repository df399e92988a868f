import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that stands in for a database server while a client sets up a
/// connection. It closes the first `dropped` connections as soon as it accepts them; for each
/// of the `watched` ones after those it waits up to `patience` for the client's first bytes,
/// records them (nothing if none came) and closes the connection, as a server that times out
/// a silent client does. Then it stops listening, so later attempts are refused.
final class FirstBytesServer: @unchecked Sendable {
    /// The port it listens on.
    let port: Int
    /// Signalled each time a watched connection has been recorded.
    let recorded = DispatchSemaphore(value: 0)
    private let listener: Int32
    private let lock = NSLock()
    private var acceptedCount = 0
    private var received: [[UInt8]] = []

    init(dropped: Int, watched: Int, patience: TimeInterval) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(listener, socketAddress, length) == 0 && listen(listener, 8) == 0
                    && getsockname(listener, socketAddress, &length) == 0
            }
        }
        guard listener >= 0, bound else {
            let failure = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            if listener >= 0 { close(listener) }
            throw failure
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in serve(dropped: dropped, watched: watched, patience: patience) }
    }

    /// How many connections it has accepted.
    var accepted: Int { lock.withLock { acceptedCount } }

    /// The first bytes of each watched connection, in order.
    var firstBytes: [[UInt8]] { lock.withLock { received } }

    private func serve(dropped: Int, watched: Int, patience: TimeInterval) {
        defer { close(listener) }
        for index in 0..<(dropped + watched) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            lock.withLock { acceptedCount += 1 }
            if index >= dropped {
                let bytes = firstBytes(of: connection, within: patience)
                lock.withLock { received.append(bytes) }
                recorded.signal()
            }
            close(connection)
        }
    }

    private func firstBytes(of connection: Int32, within patience: TimeInterval) -> [UInt8] {
        var waiting = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
        guard poll(&waiting, 1, Int32(patience * 1000)) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(connection, &buffer, buffer.count, 0)
        return count > 0 ? Array(buffer[..<count]) : []
    }
}
