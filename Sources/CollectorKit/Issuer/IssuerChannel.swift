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
            try pipeline.addHandler(ConnectionLimitHandler(limit: limit, refusal: { IssuerAnswers.refusal(.busy).http1(adding: IssuerAnswers.securityFields) }))
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

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}
