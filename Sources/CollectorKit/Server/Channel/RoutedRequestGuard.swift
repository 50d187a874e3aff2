import NIOCore
import NIOHTTP1

/// In front of a router that answers every request (the issuer's): what `SubmissionChannelHandler` does for the
/// requests it hands to the collector's router. A body framed by a transfer coding other than chunked is refused
/// and nothing after it is read; a body past `bodyLimit` (declared or sent) is ended there for the router, which
/// refuses it, and the connection closes once it has answered.
final class RoutedRequestGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let bodyLimit: Int
    /// The whole answer to a refused framing: its status, headers and body.
    private let refusal: () -> (HTTPResponseStatus, HTTPHeaders, ByteBuffer)
    /// Requests handed to the router whose answer has not gone out yet.
    private var routed = 0
    private var routedBody = 0
    private var discarding = false
    private var closeWhenRouted = false
    private var linger: Scheduled<Void>?

    init(bodyLimit: Int, refusal: @escaping () -> (HTTPResponseStatus, HTTPHeaders, ByteBuffer)) {
        self.bodyLimit = bodyLimit
        self.refusal = refusal
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !discarding else { return }
        switch unwrapInboundIn(data) {
        case .head(let head) where !BodyFraming.readsBody(of: head):
            discarding = true
            if routed == 0 {
                let (status, headers, body) = refusal()
                var fields = headers
                fields.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
                fields.replaceOrAdd(name: "Connection", value: "close")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: fields))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                closeLingering(context: context)
            } else {
                closeWhenRouted = true
            }
        case .head(let head):
            routed += 1
            routedBody = 0
            context.fireChannelRead(data)
            // The route refuses a length declared too large at the head (`BodyReader`): the body is not read.
            if let length = head.headers.first(name: "content-length").flatMap({ Int($0) }), length > bodyLimit { cut(context: context) }
        case .body(let chunk):
            routedBody += chunk.readableBytes
            context.fireChannelRead(data)
            if routedBody > bodyLimit { cut(context: context) }
        case .end:
            context.fireChannelRead(data)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        linger?.cancel()
        linger = nil
        context.fireChannelInactive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else { return context.write(data, promise: promise) }
        routed = max(0, routed - 1)
        context.write(data, promise: promise)
        if routed == 0, closeWhenRouted {
            closeWhenRouted = false
            context.flush()
            closeLingering(context: context)
        }
    }

    /// Ends the routed request's body where it is and drops what follows; the connection closes once answered.
    private func cut(context: ChannelHandlerContext) {
        context.fireChannelRead(wrapInboundOut(.end(nil)))
        discarding = true
        closeWhenRouted = true
    }

    /// As `SubmissionChannelHandler` closes: the output at once, the input after its linger time, so that the client
    /// reads the answer instead of a reset.
    private func closeLingering(context: ChannelHandlerContext) {
        context.close(mode: .output, promise: nil)
        linger = context.eventLoop.assumeIsolated().scheduleTask(in: SubmissionChannelHandler.lingerTime) { context.close(promise: nil) }
    }
}
