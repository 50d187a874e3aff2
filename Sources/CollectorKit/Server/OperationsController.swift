import Hummingbird

/// `GET /healthz` and `GET /metrics`, for the people and programs that watch a running collector.
struct OperationsController: Sendable {
    let services: CollectorServices

    struct Health: Encodable {
        let status: String
        let version: String
        let schema: Int
        let forms: Int
        let queueDepth: Int

        enum CodingKeys: String, CodingKey {
            case status, version, schema, forms
            case queueDepth = "queue_depth"
        }
    }

    func health(_ request: Request, context: CollectorContext) async -> Response {
        Answers.json(Health(status: "ok", version: CollectorVersion.current, schema: Schema.version, forms: services.manifest.forms.count,
                            queueDepth: services.store.queueDepth))
    }

    func metrics(_ request: Request, context: CollectorContext) async -> Response {
        Answers.text(services.metrics.render(queueDepth: services.store.queueDepth), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}
