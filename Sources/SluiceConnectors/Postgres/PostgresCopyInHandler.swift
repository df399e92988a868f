import NIOCore

/// Runs one `COPY ... FROM STDIN` on an idle postgres-nio connection, sending the data
/// itself, in any format (postgres-nio's own COPY sends text only).
///
/// Like `PostgresRowStreamHandler` it sits just after TLS, before postgres-nio's handler:
/// when added it sends the statement as a simple query; it consumes what the server sends
/// until `ReadyForQuery` and passes everything through afterwards, leaving the connection
/// (and its transaction) as postgres-nio knows it. Use it through `PostgresCopyIn`.
final class PostgresCopyInHandler: PostgresExchangeHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Succeeds when the server is ready for data (`CopyInResponse`); fails with its error.
    let ready: EventLoopPromise<Void>
    /// The number of rows copied once the statement has ended (`ReadyForQuery`), or its error.
    let done: EventLoopPromise<Int>

    // Everything below is touched on the channel's event loop only (hence `@unchecked Sendable`).
    private let statement: String
    private var context: ChannelHandlerContext?
    private var received = ByteBuffer()
    private var failure: PostgresServerError?
    private var rowCount = 0
    private var active = true
    private var isReady = false

    init(statement: String, eventLoop: any EventLoop) {
        self.statement = statement
        ready = eventLoop.makePromise()
        done = eventLoop.makePromise()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        var query = ByteBuffer()
        query.writeInteger(UInt8(ascii: "Q"))
        query.writeInteger(Int32(4 + statement.utf8.count + 1))
        query.writeString(statement)
        query.writeInteger(UInt8(0))
        context.writeAndFlush(wrapOutboundOut(query), promise: nil)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        end(with: ChannelError.ioOnClosedChannel)
    }

    /// Sends `data` (whole messages: CopyData, then CopyDone or CopyFail); fails once the
    /// statement has ended, since the server drops data after an error.
    func write(_ data: ByteBuffer) -> EventLoopFuture<Void> {
        guard active, let context else { return done.futureResult.map { _ in } }
        return context.writeAndFlush(wrapOutboundOut(data))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard active else {
            context.fireChannelRead(data)
            return
        }
        var buffer = unwrapInboundIn(data)
        received.writeBuffer(&buffer)
        while active, let length = received.withUnsafeReadableBytes({ PostgresResponseParser.messageLength($0) }),
              length >= 5, received.readableBytes >= length {
            let type = received.readInteger(as: UInt8.self)!
            received.moveReaderIndex(forwardBy: 4)
            let body = received.readSlice(length: length - 5)!
            read(type: type, body: body)
        }
        if !active, received.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(received))
            received = ByteBuffer()
        }
    }

    private func read(type: UInt8, body: ByteBuffer) {
        switch type {
        case UInt8(ascii: "G"):
            isReady = true
            ready.succeed()
        case UInt8(ascii: "C"):
            // "COPY <rows>"
            let tag = String(decoding: body.readableBytesView.prefix { $0 != 0 }, as: UTF8.self)
            rowCount = tag.split(separator: " ").last.flatMap { Int($0) } ?? 0
        case UInt8(ascii: "E"):
            if failure == nil { failure = body.withUnsafeReadableBytes { PostgresServerError($0) } }
        case UInt8(ascii: "Z"):
            active = false
            if let failure {
                if !isReady { ready.fail(failure) }
                done.fail(failure)
            } else {
                if !isReady { ready.succeed() }
                done.succeed(rowCount)
            }
        default:
            break
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if !active { context.fireChannelReadComplete() }
    }

    func end(with error: any Error) {
        guard active else { return }
        active = false
        if !isReady { ready.fail(failure ?? error) }
        done.fail(failure ?? error)
    }
}
