import Foundation
import HTTPTypes
import Model
import NIOCore
import NIOHTTP1

/// Answers `POST /v1/submissions` on the connection's event loop, before the router: the busiest request of a
/// vote then costs no task, no hop between threads and no middleware chain, only its checks and its share of a
/// commit. It gives the same answers as the router's route (same `SubmissionEndpoint`, origin and rate-limit
/// checks, security headers), and hands every other request to the router untouched.
///
/// It works on HTTP/1 parts, ahead of the codec to HTTP types that the router needs: a submission is never
/// converted to them, nor its answer back.
///
/// Answers leave in the order requests came: a submission is taken here only when the router owes no answer
/// on this connection, and whatever arrives while it is being stored waits here (and the socket is no longer
/// read) until its answer is written.
final class SubmissionChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        /// Parts go to the router.
        case idle
        /// A submission's body is being read; `refused` when its head was refused (the body is then read and dropped,
        /// up to the body limit).
        case reading(head: HTTPRequestHead, refused: Reply?)
        /// The submission is checked and waits for the store; later parts wait behind it.
        case storing
        /// A refusal went out before the body was read, and the output is closed: what still arrives is dropped until
        /// the client closes or `lingerTime` passes.
        case discarding
    }

    /// How long a connection refused mid-request keeps reading (and dropping) before it closes: long enough for the
    /// client to read the refusal, where closing with its body unread would reset the connection and lose it.
    static let lingerTime = TimeAmount.seconds(2)

    private let endpoint: SubmissionEndpoint
    /// The socket's peer; `clientAddress` is the client of the current submission (`CollectorServices.clientAddress`).
    private let peer: String?
    private var clientAddress: String?
    private var state = State.idle
    private var body = ByteBuffer()
    /// Bytes of a refused body read and dropped so far.
    private var dropped = 0
    private var linger: Scheduled<Void>?
    /// The current submission's `Origin` when it may have CORS: checked once, at its head.
    private var corsOrigin: String?
    /// Requests handed to the router whose answer has not gone out yet.
    private var routed = 0
    /// Body bytes of the request being handed to the router.
    private var routedBody = 0
    /// Whether the connection closes once the router has answered: it was handed a body cut off at the limit.
    private var closeWhenRouted = false
    private var held = CircularBuffer<NIOAny>()
    /// A decoding error behind a submission being stored: the router would answer it (400, then close) ahead of
    /// the submission's own answer, so it waits like the parts before it.
    private var heldError: (any Error)?
    private var readHeld = false
    private var date: (second: Int64, text: String) = (0, "")

    init(endpoint: SubmissionEndpoint, peer: String?) {
        self.endpoint = endpoint
        self.peer = peer
    }

    private var services: CollectorServices { endpoint.services }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .storing: held.append(data)
        case .discarding: break
        default: take(data, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        held.removeAll()
        heldError = nil
        linger?.cancel()
        linger = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case .storing = state {
            heldError = heldError ?? error
            return
        }
        context.fireErrorCaught(error)
    }

    /// The router's answers pass here on their way out: count them, so a submission never overtakes one.
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

    /// Stops reading the socket while parts wait behind a submission (a client pipelining requests); not merely
    /// while one is stored, as turning the socket's read interest off and on again would cost two system calls a request.
    func read(context: ChannelHandlerContext) {
        if case .storing = state, !held.isEmpty {
            readHeld = true
            return
        }
        context.read()
    }

    private func take(_ data: NIOAny, context: ChannelHandlerContext) {
        let part = unwrapInboundIn(data)
        switch (state, part) {
        case (.discarding, _):
            return
        case (.idle, .head(let head)) where !BodyFraming.readsBody(of: head):
            // A body coded otherwise than chunked would reach a route as if it were plain: nothing on this
            // connection is read after it. Answers owed before it still go out, in order.
            let refusal = services.refusalReply(Refusal(.unsupportedEncoding), headers: head.headers.fields)
            if routed == 0 {
                refuseNow(refusal, to: head, context: context)
            } else {
                state = .discarding
                closeWhenRouted = true
            }
        case (.idle, .head(let head)):
            if routed == 0, head.method == .POST, head.uri == SubmissionEndpoint.path {
                body.clear()
                dropped = 0
                let refused = admit(head)
                // A body declared larger than the limit is not worth reading: a client may declare a gigabyte.
                if let refused, let length = head.headers.value("content-length").flatMap({ Int($0) }), length > services.configuration.bodyLimit {
                    return refuseNow(refused, to: head, context: context)
                }
                state = .reading(head: head, refused: refused)
            } else {
                routed += 1
                routedBody = 0
                context.fireChannelRead(data)
                // Every route that reads a body refuses one declared too large at its head (`BodyReader`): the
                // body itself is not read, the router sees its end at once, and the connection closes after it answers.
                if let length = head.headers.value("content-length").flatMap({ Int($0) }), length > services.configuration.bodyLimit {
                    cutRoutedBody(context: context)
                }
            }
        case (.idle, .body(let chunk)):
            routedBody += chunk.readableBytes
            context.fireChannelRead(data)
            // The router has now seen more than the limit and refuses it; the rest is not read.
            if routedBody > services.configuration.bodyLimit { cutRoutedBody(context: context) }
        case (.reading(let head, let refused), .body(var chunk)):
            let limit = services.configuration.bodyLimit
            if let refused {
                dropped += chunk.readableBytes
                if dropped > limit { refuseNow(refused, to: head, context: context) }
            } else if body.readableBytes + chunk.readableBytes > limit {
                body.clear()
                refuseNow(services.refusalReply(Refusal(.bodyTooLarge), headers: head.headers.fields), to: head, context: context)
            } else {
                body.writeBuffer(&chunk)
            }
        case (.reading(let head, let refused), .end):
            state = .storing
            if let refused {
                answer(refused, to: head, context: context)
            } else {
                submit(head, context: context)
            }
        default:
            context.fireChannelRead(data)
        }
    }

    /// `HeadPolicy`, as the router's middleware applies it, then the route's check of media type and length.
    private func admit(_ head: HTTPRequestHead) -> Reply? {
        let headers = head.headers
        // The first Host, as the conversion to HTTP types takes it for the router.
        let decision = HeadPolicy(services: services).admit(
            method: .post, path: SubmissionEndpoint.path, origin: headers.value("origin"), authority: headers.first(name: "host"),
            peer: peer, forwardedFor: headers["x-forwarded-for"], headers: { headers.fields })
        clientAddress = decision.client
        corsOrigin = decision.corsOrigin
        if let refusal = decision.refusal { return refusal }
        if let refusal = BodyReader.admit(contentType: headers.value("content-type"), contentLength: headers.value("content-length"),
                                          mediaType: SubmissionEndpoint.mediaType, limit: services.configuration.bodyLimit) {
            return services.refusalReply(refusal, headers: headers.fields)
        }
        return nil
    }

    private func submit(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let record: SubmissionRecord
        let checked = body.withUnsafeReadableBytes { bytes in
            self.endpoint.record(body: bytes.assumingMemoryBound(to: UInt8.self), clientAddress: clientAddress)
        }
        switch checked {
        case .success(let checked): record = checked
        case .failure(let refused):
            return answer(services.refusalReply(refused.refusal, headers: head.headers.fields, form: refused.form), to: head, context: context)
        }
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        let endpoint = self.endpoint
        // Only what the answer needs: the record itself travels with the writer's job.
        let (receipt, form) = (record.receipt, record.form)
        services.store.store(record, on: loop) { result in
            let reply: Reply
            switch result {
            case .success(let outcome): reply = endpoint.answer(receipt: receipt, form: form, outcome: outcome)
            case .failure:
                reply = endpoint.services.refusalReply(Refusal(.unavailable), headers: head.headers.fields, form: endpoint.services.form(form))
            }
            bound.value.handler.answer(reply, to: head, context: bound.value.context)
        }
    }

    /// Answers `reply` before the request's body is read, and closes the connection: the body would take as long to
    /// drain as its sender likes.
    private func refuseNow(_ reply: Reply, to head: HTTPRequestHead, context: ChannelHandlerContext) {
        body.clear()
        answer(reply, to: head, context: context, closing: true)
        state = .discarding
        closeLingering(context: context)
    }

    /// Ends the routed request's body where it is and drops what follows; the connection closes once answered.
    private func cutRoutedBody(context: ChannelHandlerContext) {
        context.fireChannelRead(wrapInboundOut(.end(nil)))
        state = .discarding
        closeWhenRouted = true
    }

    /// The output closes at once, the input after `lingerTime`: closing with a body unread would reset the
    /// connection, and the client could lose the answer.
    private func closeLingering(context: ChannelHandlerContext) {
        context.close(mode: .output, promise: nil)
        linger = context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingerTime) { context.close(promise: nil) }
    }

    /// Writes `reply` with the headers the router's answers carry, then takes up what waited behind it; with
    /// `closing`, says the connection closes and leaves the closing to the caller.
    private func answer(_ reply: Reply, to head: HTTPRequestHead, context: ChannelHandlerContext, closing: Bool = false) {
        // Pairs first, one `HTTPHeaders` from them: adding fields one by one checks each name again.
        var fields: [(String, String)] = []
        fields.reserveCapacity(reply.headers.count + Self.securityFields.count + 6)
        for field in reply.headers { fields.append((field.name.rawName, field.value)) }
        fields.append(("Content-Length", String(reply.body.readableBytes)))
        if let corsOrigin {
            for field in SecurityHeaders.allowOriginFields(corsOrigin) { fields.append((field.name.rawName, field.value)) }
        }
        fields.append(contentsOf: Self.securityFields)
        fields.append(("Date", httpDate()))
        let keepAlive = head.isKeepAlive && !closing
        if !keepAlive {
            fields.append(("Connection", "close"))
        } else if head.version.minor == 0 {
            fields.append(("Connection", "keep-alive"))
        }
        let status = HTTPResponseStatus(statusCode: reply.status.code, reasonPhrase: reply.status.reasonPhrase)
        let response = HTTPResponseHead(version: head.version, status: status, headers: HTTPHeaders(fields))
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(reply.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        state = .idle
        if closing { return }
        if !keepAlive {
            context.close(promise: nil)
            return
        }
        guard !held.isEmpty || readHeld || heldError != nil else { return }
        while !held.isEmpty {
            if case .storing = state { return }
            take(held.removeFirst(), context: context)
        }
        if let error = heldError {
            heldError = nil
            context.fireErrorCaught(error)
        }
        // The router reads what was handed to it when a read completes.
        context.fireChannelReadComplete()
        if readHeld {
            readHeld = false
            context.read()
        }
    }

    /// Every answer written here is JSON.
    private static let securityFields = SecurityHeaders.dataFields.map { ($0.name.rawName, $0.value) }

    private func httpDate() -> String {
        let now = Date()
        let second = Int64(now.timeIntervalSince1970.rounded(.down))
        if second != date.second { date = (second, UTCSecond.httpDate(now)) }
        return date.text
    }
}
