import Hummingbird

/// `GET /healthz` and `GET /metrics`, for the people and programs that watch a running collector.
///
/// Once storage has failed, `/healthz` answers 503 with the failure's reason (a load balancer then sends no more
/// participants here) and `/metrics` sets `collector_storage_failed` for it; the file and the error go to the log
/// only, as neither is the public's business.
struct OperationsController: Sendable {
    let services: CollectorServices

    struct Health: Encodable {
        let status: String
        /// Which storage call failed (`StorageFailure.Reason`); absent while storage works.
        let reason: String?
        let version: String
        let schema: Int
        let forms: Int
        let queueDepth: Int

        enum CodingKeys: String, CodingKey {
            case status, reason, version, schema, forms
            case queueDepth = "queue_depth"
        }
    }

    func health(_ request: Request, context: CollectorContext) async -> Response {
        let failure = services.store.failure
        return Answers.json(Health(status: failure == nil ? "ok" : "storage_failed", reason: failure?.reason.rawValue,
                                   version: CollectorVersion.current, schema: Schema.version, forms: services.manifest.forms.count,
                                   queueDepth: services.store.queueDepth),
                            status: failure == nil ? .ok : .serviceUnavailable)
    }

    func metrics(_ request: Request, context: CollectorContext) async -> Response {
        Answers.text(services.metrics.render(queueDepth: services.store.queueDepth, storageFailure: services.store.failure?.reason),
                     contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}
