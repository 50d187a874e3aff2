import NIOCore
import NIOHTTP1

/// Closes a connection that has been idle for `idleTimeout` (a request trickling in too slowly included), and on
/// graceful shutdown closes it as soon as it owes no answer.
///
/// A request's body must arrive whole within `idleTimeout` of its head: body parts do not count as activity, or one
/// byte every few seconds would keep a connection (and its share of the server) for ever.
///
/// Hummingbird's `HTTPConnectionStateHandler` does this on HTTP types behind the router's codec; this one works on
/// HTTP/1 parts, in front of `SubmissionChannelHandler`, so it also sees the submissions that handler answers
/// itself and never takes a connection busy with them for an idle one.
final class ConnectionStateHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let idleTimeout: TimeAmount?
    private let now: () -> NIODeadline
    /// Requests begun and not yet answered.
    private var unanswered = 0
    /// Whether a request's head or body is still arriving (idle time then counts, as for a client that says nothing).
    private var reading = false
    private var lastActive: NIODeadline
    private var closeWhenAnswered = false
    private var timer: Scheduled<Void>?

    /// `now`: the clock, the event loop's own in tests.
    init(idleTimeout: TimeAmount?, now: @escaping () -> NIODeadline = { .now() }) {
        self.idleTimeout = idleTimeout
        self.now = now
        lastActive = now()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTimer(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        startTimer(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            lastActive = now()
            reading = true
            unanswered += 1
        case .body:
            break
        case .end:
            lastActive = now()
            reading = false
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else { return context.write(data, promise: promise) }
        unanswered = max(0, unanswered - 1)
        lastActive = now()
        if unanswered == 0, closeWhenAnswered {
            context.writeAndFlush(data, promise: promise)
            context.close(promise: nil)
        } else {
            context.write(data, promise: promise)
        }
    }

    /// Once the router has closed the output (after an answer with `Connection: close`), nothing more will be
    /// answered: requests read after it no longer count, so idle time and graceful shutdown close the connection,
    /// and a shutdown already waiting for those answers closes it now.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .output {
            unanswered = 0
            reading = false
            if closeWhenAnswered { return context.close(promise: promise) }
        }
        context.close(mode: mode, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else { return context.fireUserInboundEventTriggered(event) }
        if unanswered == 0 {
            context.close(promise: nil)
        } else {
            closeWhenAnswered = true
        }
    }

    private func startTimer(context: ChannelHandlerContext) {
        guard let idleTimeout, timer == nil else { return }
        lastActive = now()
        schedule(at: lastActive + idleTimeout, context: context)
    }

    private func schedule(at deadline: NIODeadline, context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            timer = nil
            check(context: context)
        }
    }

    /// A connection waiting for an answer is not idle (a request pipelined behind it included); one that is
    /// silent, or slow to send its only request, is.
    private func check(context: ChannelHandlerContext) {
        guard let idleTimeout, context.channel.isActive else { return }
        let now = self.now()
        if unanswered > 1 || (unanswered == 1 && !reading) {
            schedule(at: now + idleTimeout, context: context)
        } else if now >= lastActive + idleTimeout {
            context.close(promise: nil)
        } else {
            schedule(at: lastActive + idleTimeout, context: context)
        }
    }
}
