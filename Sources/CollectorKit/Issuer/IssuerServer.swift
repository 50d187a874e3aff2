import Hummingbird
import HummingbirdCore
import Logging

/// The issuer's HTTP side: its routes, and the application that serves them with the collector's defences.
public enum IssuerServer {
    static func router(issuer: CredentialIssuer) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: IssuerMiddleware(issuer: issuer))
        let controller = IssuerController(issuer: issuer)
        router.get("/v1/key") { await controller.key($0, context: $1) }
        router.get("/v1/login") { await controller.login($0, context: $1) }
        router.get("/v1/callback") { await controller.callback($0, context: $1) }
        router.post("/v1/credentials") { await controller.credential($0, context: $1) }
        router.post("/v1/filings") { await controller.filing($0, context: $1) }
        router.post("/v1/code-grants") { await controller.codeGrant($0, context: $1) }
        router.get("/healthz") { await controller.health($0, context: $1) }
        return router
    }

    /// The HTTP/1.1 server on `host:port`; `onServerRunning` is told the bound port (with port 0, any free one).
    public static func application(issuer: CredentialIssuer, host: String, port: Int, idleTimeout: Duration = .seconds(30), logger: Logger,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let settings = issuer.settings
        let limit = ConnectionLimit(maximum: settings.maxConnections)
        return Application(
            router: router(issuer: issuer),
            server: HTTPServerBuilder { responder in
                IssuerChannel(responder: responder, bodyLimit: settings.bodyLimit, idleTimeout: idleTimeout, limit: limit)
            },
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
