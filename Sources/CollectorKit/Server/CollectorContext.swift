import Hummingbird
import NIOCore

/// The request context of the collector: Hummingbird's core plus the socket's peer (whom `clientAddress` starts from).
public struct CollectorContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address; nil in in-process tests, where there is no socket.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
