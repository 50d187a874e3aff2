import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// The issuer's HTTP/1.1 child channel: the collector's defences (the connection cap, NIO's HTTP/1 codec under
/// Hummingbird's head limits, `ConnectionStateHandler`'s idle timeout, `RoutedRequestGuard` on framing and body
/// size), then the router.
struct IssuerChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let bodyLimit: Int
    let idleTimeout: Duration?
    let limit: ConnectionLimit

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(ConnectionLimitHandler(limit: limit, refusal: { Self.raw(IssuerAnswers.refusal(.busy)) }))
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false,
                withErrorHandling: false,
                withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(),
                withDecoderLimitConfiguration: BodyFraming.decoderLimits
            )
            try pipeline.addHandler(ConnectionStateHandler(idleTimeout: idleTimeout.map { TimeAmount($0) }))
            try pipeline.addHandler(RoutedRequestGuard(bodyLimit: bodyLimit) {
                let reply = IssuerAnswers.refusal(IssuerRefusal(status: 501, code: "unsupported_encoding",
                                                                message: "A body must be sent with a length or chunked, with no other transfer coding."))
                return (HTTPResponseStatus(statusCode: reply.status.code), Self.headers(reply), reply.body)
            })
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    private static func headers(_ reply: Reply) -> HTTPHeaders {
        HTTPHeaders(reply.headers.map { ($0.name.rawName, $0.value) } + IssuerAnswers.securityFields.map { ($0.name.rawName, $0.value) })
    }

    /// A whole HTTP/1.1 answer written before any HTTP handler exists (a connection over the cap), which closes.
    private static func raw(_ reply: Reply) -> ByteBuffer {
        var text = "HTTP/1.1 \(reply.status.code) \(reply.status.reasonPhrase)\r\n"
        for (name, value) in headers(reply) { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(reply.body.readableBytes)\r\nConnection: close\r\n\r\n"
        var buffer = ByteBuffer(string: text)
        buffer.writeImmutableBuffer(reply.body)
        return buffer
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}
