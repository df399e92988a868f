import NIOCore

/// A handler that runs one exchange with the server on a postgres-nio connection's channel
/// (`PostgresRowStreamHandler`, `PostgresCopyInHandler`): a connection that closes or fails
/// before the exchange is over ends it with that error.
protocol PostgresExchangeHandler: ChannelDuplexHandler {
    /// Ends the exchange, if it is still running, with `error` (or the server's own).
    func end(with error: any Error)
}

extension PostgresExchangeHandler {
    func channelInactive(context: ChannelHandlerContext) {
        end(with: ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end(with: error)
        context.fireErrorCaught(error)
    }
}
