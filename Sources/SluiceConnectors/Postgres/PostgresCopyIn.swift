import Foundation
import NIOCore
import SluiceEngine
import SluiceSpec

/// Loads batches with `COPY ... FROM STDIN (FORMAT binary)` on a connection's channel
/// (`PostgresCopyInHandler`): no value is formatted as text here nor parsed from text by the
/// server. Only for target columns that take each field's binary format (`PostgresTypes.takesBinary`).
enum PostgresCopyIn {
    /// Streams every batch of `input` into `columns` of `table` (a bare name, found through the
    /// search path), `batchSize` rows per message, at most one message in flight while the
    /// next is encoded; returns the number of rows the server copied. A failing input sends
    /// `CopyFail`, so the server takes none of the rows, and its error is thrown.
    static func binary(_ input: RecordBatchStream, into table: String, columns: [String], batchSize: Int,
                       channel: any Channel) async throws -> Int {
        let names = columns.map { SQLIdentifier.quote($0, .postgres) }.joined(separator: ", ")
        let handler = PostgresCopyInHandler(
            statement: "COPY \(SQLIdentifier.quote(table, .postgres)) (\(names)) FROM STDIN (FORMAT binary)", eventLoop: channel.eventLoop)
        try await PostgresConnector.addProtocolHandler(handler, to: channel)
        try await handler.ready.futureResult.get()
        @Sendable func send(_ message: ByteBuffer) -> EventLoopFuture<Void> {
            channel.eventLoop.flatSubmit { handler.write(message) }
        }
        var inFlight = send(copyData { $0.writeBytes(PostgresCopyEncoder.binaryHeader) })
        var batches = input.makeAsyncIterator()
        var inputFailure: (any Error)?
        do {
            while true {
                let batch: RecordBatch?
                do {
                    batch = try await batches.next()
                } catch {
                    inputFailure = error
                    break
                }
                guard let batch else { break }
                var start = 0
                while start < batch.rowCount {
                    let end = min(start + batchSize, batch.rowCount)
                    // Room for a length and 8 bytes per value, so the buffer rarely grows.
                    let message = copyData(capacity: (end - start) * (2 + 12 * batch.columns.count)) {
                        PostgresCopyEncoder.appendBinary(batch, rows: start..<end, to: &$0)
                    }
                    try await inFlight.get()
                    inFlight = send(message)
                    start = end
                }
            }
            try await inFlight.get()
        } catch {
            // A failed write: the server's error, when it sent one, says more.
            do {
                _ = try await handler.done.futureResult.get()
            } catch let serverError as PostgresServerError {
                throw serverError
            } catch {}
            throw error
        }
        if let inputFailure {
            _ = try? await send(copyFail(inputFailure)).get()
            _ = try? await handler.done.futureResult.get()
            throw inputFailure
        }
        var finish = copyData { $0.writeBytes(PostgresCopyEncoder.binaryTrailer) }
        finish.writeInteger(UInt8(ascii: "c"))  // CopyDone
        finish.writeInteger(Int32(4))
        try await send(finish).get()
        return try await handler.done.futureResult.get()
    }

    /// A `CopyData` message around what `body` writes.
    private static func copyData(capacity: Int = 64, _ body: (inout ByteBuffer) -> Void) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: 5 + capacity)
        buffer.writeInteger(UInt8(ascii: "d"))
        buffer.writeInteger(Int32(0))
        body(&buffer)
        buffer.setInteger(Int32(buffer.writerIndex - 1), at: 1)
        return buffer
    }

    /// A `CopyFail` message: the server abandons the copy with `error` as its reason.
    private static func copyFail(_ error: any Error) -> ByteBuffer {
        let reason = "\(error)".replacingOccurrences(of: "\0", with: " ")
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt8(ascii: "f"))
        buffer.writeInteger(Int32(4 + reason.utf8.count + 1))
        buffer.writeString(reason)
        buffer.writeInteger(UInt8(0))
        return buffer
    }
}
