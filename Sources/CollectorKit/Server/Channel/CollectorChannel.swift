import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1.1 child channel with `SubmissionChannelHandler` in front of the router: NIO's HTTP/1
/// codec, then `ConnectionStateHandler` (idle timeouts and graceful shutdown, for every request), the submission
/// handler, and only then the conversion to HTTP types for the router, as in `HTTP1Channel`.
struct CollectorChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let services: CollectorServices
    let idleTimeout: Duration?
    let limit: ConnectionLimit

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(ConnectionLimitHandler(limit: limit, refusal: { busy }))
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false,
                withErrorHandling: false,
                withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(),
                withDecoderLimitConfiguration: BodyFraming.decoderLimits
            )
            try pipeline.addHandler(ConnectionStateHandler(idleTimeout: idleTimeout.map { TimeAmount($0) }))
            try pipeline.addHandler(SubmissionChannelHandler(endpoint: SubmissionEndpoint(services: services),
                                                             peer: channel.remoteAddress?.ipAddress))
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    /// The whole answer to a connection over the limit, written before any HTTP handler exists.
    private var busy: ByteBuffer {
        services.refusalReply(Refusal(.busy), headers: [:], retryAfter: 1).http1(adding: SecurityHeaders.dataFields)
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}
