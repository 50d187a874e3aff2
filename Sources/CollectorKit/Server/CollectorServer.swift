import Hummingbird
import HummingbirdCore
import Logging
import Model
import NIOCore

/// The collector's HTTP side: its routes and middleware, and the application that serves them.
public enum CollectorServer {
    /// Routes and middleware, for `application` or for in-process tests.
    public static func router(manifest: BallotManifest, configuration: CollectorConfiguration, store: SubmissionStore,
                              metrics: CollectorMetrics, environment: CollectorEnvironment = CollectorEnvironment()) -> Router<CollectorContext> {
        router(services: CollectorServices(manifest: manifest, configuration: configuration, environment: environment, store: store, metrics: metrics))
    }

    static func router(services: CollectorServices) -> Router<CollectorContext> {
        let configuration = services.configuration
        let store = services.store
        let router = Router(context: CollectorContext.self)
        router.add(middleware: SecurityHeadersMiddleware(services: services))
        router.add(middleware: HeadPolicyMiddleware(services: services))
        if let site = configuration.siteDirectory {
            router.add(middleware: SiteMiddleware(services: services, folder: SiteFolder(path: site)))
        }
        let submissions = SubmissionController(services: services)
        let forms = FormPostController(services: services)
        let receipts = ReceiptController(services: services)
        let counts = CountsController(services: services, counts: RunningCounts(store: store, interval: configuration.countsInterval))
        let operations = OperationsController(services: services)
        let starts = StartsController(services: services)
        let log = LogController(services: services)
        let kiosk = KioskController(services: services)
        router.post("/v1/submissions") { await submissions.submit($0, context: $1) }
        router.post("/v1/forms/**") { await forms.post($0, context: $1) }
        router.post("/v1/starts/**") { await starts.start($0, context: $1) }
        router.get("/v1/receipts/:receipt") { await receipts.lookup($0, context: $1) }
        router.get("/v1/counts/**") { await counts.count($0, context: $1) }
        router.get("/v1/log/head") { await log.head($0, context: $1) }
        router.get("/v1/log/consistency") { await log.consistency($0, context: $1) }
        router.get("/v1/kiosk") { await kiosk.settings($0, context: $1) }
        router.get("/healthz") { await operations.health($0, context: $1) }
        router.get("/metrics") { await operations.metrics($0, context: $1) }
        return router
    }

    /// The HTTP/1.1 server on `host:port`: the router, with submissions taken on the event loop
    /// (`SubmissionChannelHandler`); idle connections (slow headers or bodies) close after `idleTimeout`.
    public static func application(manifest: BallotManifest, configuration: CollectorConfiguration, store: SubmissionStore,
                                   metrics: CollectorMetrics, environment: CollectorEnvironment = CollectorEnvironment(),
                                   host: String, port: Int, idleTimeout: Duration = .seconds(30), logger: Logger,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let services = CollectorServices(manifest: manifest, configuration: configuration, environment: environment, store: store, metrics: metrics)
        let limit = ConnectionLimit(maximum: configuration.maxConnections)
        return Application(
            router: router(services: services),
            server: HTTPServerBuilder { responder in
                CollectorChannel(responder: responder, services: services, idleTimeout: idleTimeout, limit: limit)
            },
            // No `Server` header: it would only tell an attacker which software to aim at.
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
