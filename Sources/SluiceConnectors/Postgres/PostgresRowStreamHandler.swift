import NIOCore
import SluiceEngine

/// Runs one query on an idle postgres-nio connection and decodes its rows straight from the
/// connection's bytes into record batches, bypassing postgres-nio's per-row and per-cell
/// values (whose reference counting cost more than the decoding itself).
///
/// It sits in the channel pipeline just after TLS, before postgres-nio's own handler. When
/// added it sends the query (`PostgresQueryMessage`); until `ReadyForQuery` ends the
/// response it consumes every byte the server sends, and afterwards it passes everything
/// through, so postgres-nio, which saw no query, finds its connection as it left it.
///
/// Batches go out through `batches`, which holds at most two before the handler stops
/// reading from the socket (back-pressure) until the consumer takes one.
final class PostgresRowStreamHandler: PostgresExchangeHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    typealias Batches = NIOThrowingAsyncSequenceProducer<
        RecordBatch, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, Demand>

    /// The batches of the query's rows; ends after the last, or with the query's failure.
    let batches: Batches

    // Everything below is touched on the channel's event loop only (hence `@unchecked Sendable`).
    private let query: ByteBuffer
    private var parser: PostgresResponseParser
    private let source: Batches.Source
    private let demand: Demand
    private var context: ChannelHandlerContext?
    /// A message cut off at the end of the last read, completed by the next.
    private var partial = ByteBuffer()
    /// Whether the consumer wants more batches; while not, reads wait in `heldRead`.
    private var consumerReady = true
    private var heldRead = false
    private var streaming = true

    /// A handler for a pipeline on `eventLoop`.
    init(sql: String, parameters: [ScalarValue], schema: Schema, batchSize: Int, eventLoop: any EventLoop) {
        query = PostgresQueryMessage.encode(sql, parameters: parameters)
        parser = PostgresResponseParser(schema: schema, batchSize: batchSize)
        demand = Demand(eventLoop: eventLoop)
        let made = Batches.makeSequence(backPressureStrategy: .init(lowWatermark: 1, highWatermark: 2), finishOnDeinit: true,
                                        delegate: demand)
        batches = made.sequence
        source = made.source
        demand.handler = self
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        context.writeAndFlush(wrapOutboundOut(query), promise: nil)
        context.read()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        end(with: ChannelError.ioOnClosedChannel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard streaming else {
            context.fireChannelRead(data)
            return
        }
        var buffer = unwrapInboundIn(data)
        var ready: [RecordBatch] = []
        if partial.readableBytes > 0, !completePartial(from: &buffer, into: &ready) {
            return deliver(ready)
        }
        if !parser.isComplete {
            let read = buffer.withUnsafeReadableBytes { parser.read($0, into: &ready) }
            buffer.moveReaderIndex(forwardBy: read)
        }
        if parser.isComplete {
            deliver(ready)
            finish()
            if buffer.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(buffer)) }
        } else {
            partial.writeBuffer(&buffer)
            deliver(ready)
        }
    }

    /// Moves bytes from `buffer` into `partial` until it holds one whole message, and reads
    /// that; false when `buffer` ran out first.
    private func completePartial(from buffer: inout ByteBuffer, into ready: inout [RecordBatch]) -> Bool {
        while true {
            let length = partial.withUnsafeReadableBytes { PostgresResponseParser.messageLength($0) } ?? 5
            let missing = length - partial.readableBytes
            if missing <= 0 { break }
            guard var piece = buffer.readSlice(length: min(missing, buffer.readableBytes)), piece.readableBytes > 0 else {
                return false
            }
            partial.writeBuffer(&piece)
        }
        _ = partial.withUnsafeReadableBytes { parser.read($0, into: &ready) }
        partial.clear()
        return true
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if !streaming { context.fireChannelReadComplete() }
    }

    func read(context: ChannelHandlerContext) {
        if streaming, !consumerReady {
            heldRead = true
        } else {
            context.read()
        }
    }

    private func deliver(_ ready: [RecordBatch]) {
        guard !ready.isEmpty else { return }
        if source.yield(contentsOf: ready) != .produceMore { consumerReady = false }
    }

    /// The response is complete: the last rows, then the end or the failure.
    private func finish() {
        streaming = false
        if let last = parser.lastBatch() { _ = source.yield(last) }
        if let failure = parser.failure { source.finish(failure) } else { source.finish() }
        if heldRead { heldRead = false; context?.read() }
    }

    /// The connection failed or closed before the response was complete.
    func end(with error: any Error) {
        guard streaming else { return }
        streaming = false
        source.finish(parser.failure ?? error)
    }

    /// The consumer took a batch after `yield` said to stop.
    fileprivate func resume() {
        consumerReady = true
        if heldRead, let context {
            heldRead = false
            context.read()
        }
    }

    /// Tells the handler, on its event loop, when the consumer wants batches again.
    final class Demand: NIOAsyncSequenceProducerDelegate, @unchecked Sendable {
        private let eventLoop: any EventLoop
        /// Set once, before the handler is added to a pipeline.
        fileprivate weak var handler: PostgresRowStreamHandler?

        init(eventLoop: any EventLoop) {
            self.eventLoop = eventLoop
        }

        func produceMore() {
            guard let handler else { return }
            eventLoop.execute { handler.resume() }
        }

        func didTerminate() {}
    }
}
