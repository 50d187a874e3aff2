import NIOConcurrencyHelpers
import NIOCore

/// How many connections the collector holds at once, over every event loop: each open one costs a file descriptor
/// and memory, and a few thousand idle sockets would otherwise take the server down for everyone.
final class ConnectionLimit: Sendable {
    let maximum: Int
    private let open = NIOLockedValueBox(0)

    init(maximum: Int) { self.maximum = maximum }

    /// Counts one more connection, unless `maximum` are open.
    func take() -> Bool {
        open.withLockedValue { count in
            guard count < maximum else { return false }
            count += 1
            return true
        }
    }

    func release() { open.withLockedValue { $0 -= 1 } }

    var current: Int { open.withLockedValue { $0 } }
}

/// First in a connection's pipeline, before any parsing: past the limit, the connection gets a 503 `busy` written
/// straight to the socket and is closed.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let limit: ConnectionLimit
    private let refusal: () -> ByteBuffer
    private var decided = false
    private var admitted = false

    /// `refusal`: the whole HTTP/1.1 response sent to a connection over the limit, made only then.
    init(limit: ConnectionLimit, refusal: @escaping () -> ByteBuffer) {
        self.limit = limit
        self.refusal = refusal
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { decide(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        decide(context: context)
        if admitted { context.fireChannelActive() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if admitted { context.fireChannelRead(data) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if admitted {
            admitted = false
            limit.release()
        }
        context.fireChannelInactive()
    }

    private func decide(context: ChannelHandlerContext) {
        guard !decided else { return }
        decided = true
        admitted = limit.take()
        guard !admitted else { return }
        context.writeAndFlush(NIOAny(refusal()), promise: nil)
        context.close(promise: nil)
    }
}
