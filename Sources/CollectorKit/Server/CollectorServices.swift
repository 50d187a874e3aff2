import HTTPTypes
import Hummingbird
import Model

/// What every controller shares: the manifest's checks, the store, the settings, metrics, clock and randomness.
///
/// A class, so handing it to each request and each closure costs one reference, not a copy of every field.
final class CollectorServices: Sendable {
    let manifest: BallotManifest
    let configuration: CollectorConfiguration
    let environment: CollectorEnvironment
    let store: SubmissionStore
    let metrics: CollectorMetrics
    let intake: SubmissionIntake
    let heads: LogHeads
    let origins: OriginPolicy
    /// Per-address rate limits, shared by the router and the submission channel (`HeadPolicy`); nil when turned off.
    let buckets: TokenBuckets?
    /// The security headers of the answer pages, which load the stylesheet of the manifest's site.
    let documentFields: [HTTPField]
    /// The security headers of the site's own pages (kiosk mode), whose scripts may call the manifest's issuers.
    let siteFields: [HTTPField]

    init(manifest: BallotManifest, configuration: CollectorConfiguration, environment: CollectorEnvironment, store: SubmissionStore,
         metrics: CollectorMetrics) {
        self.manifest = manifest
        self.configuration = configuration
        self.environment = environment
        self.store = store
        self.metrics = metrics
        let check = SubmissionCheck(manifest: manifest, tolerance: configuration.tolerance, verifySignatures: configuration.verifySignatures,
                                    rolls: configuration.rolls)
        heads = LogHeads(log: store.log, key: configuration.logKey, collectorID: configuration.collectorID, now: environment.now)
        intake = SubmissionIntake(check: check, store: store, metrics: metrics, collectorID: configuration.collectorID, environment: environment,
                                  heads: heads)
        origins = OriginPolicy(allowedOrigins: configuration.allowedOrigins, servesSite: configuration.siteDirectory != nil)
        buckets = configuration.rateLimit.isEnabled ? TokenBuckets(limit: configuration.rateLimit) : nil
        documentFields = SecurityHeaders.documentFields(siteOrigin: OriginPolicy.origin(manifest.site))
        siteFields = SecurityHeaders.siteFields(connecting: Set((manifest.issuers ?? [:]).values.compactMap(OriginPolicy.policySource)).sorted())
    }

    func form(_ id: String) -> FormSpec? { intake.check.form(id) }

    var messages: Messages { configuration.messages }

    /// The language to answer `request` in about `form`.
    func language(_ request: Request, form: FormSpec?) -> String {
        language(request.headers, form: form)
    }

    func language(_ headers: HTTPFields, form: FormSpec?) -> String {
        messages.language(preferred: Answers.preferredLanguages(headers), form: form)
    }

    /// A JSON refusal, counted in the metrics.
    func refuse(_ refusal: Refusal, request: Request, form: FormSpec? = nil, retryAfter: Int? = nil) -> Response {
        refusalReply(refusal, headers: request.headers, form: form, retryAfter: retryAfter).response
    }

    func refusalReply(_ refusal: Refusal, headers: HTTPFields, form: FormSpec? = nil, retryAfter: Int? = nil) -> Reply {
        metrics.recordRejected(refusal.code)
        let language = language(headers, form: form)
        return Answers.refusal(refusal, message: messages.message(refusal.code, language: language), retryAfter: retryAfter)
    }

    /// Whom a request comes from, for rate limits and the stored address hash: the socket's peer, or behind a
    /// trusted proxy the client it names (`TrustedProxies`). The router and the submission handler both ask here.
    func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        configuration.trustedProxies.client(peer: peer, forwardedFor: forwardedFor)
    }

    func clientAddress(_ request: Request, context: CollectorContext) -> String? {
        clientAddress(peer: context.remoteAddress, forwardedFor: request.headers[values: .xForwardedFor])
    }

    /// The seconds `address` must wait before one more request, or nil to go on; the request is counted.
    func rateLimitWait(address: String?) -> Int? {
        guard let buckets, let wait = buckets.take(key: address ?? "unknown", now: environment.now()) else { return nil }
        return max(1, Int(wait.rounded(.up)))
    }
}

extension HTTPField.Name {
    /// Where a proxy names the client it forwards for (`TrustedProxies`).
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
