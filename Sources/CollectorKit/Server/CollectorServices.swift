import Hummingbird
import Model

/// What every controller shares: the manifest's checks, the store, the settings, metrics, clock and randomness.
struct CollectorServices: Sendable {
    let manifest: BallotManifest
    let configuration: CollectorConfiguration
    let environment: CollectorEnvironment
    let store: SubmissionStore
    let metrics: CollectorMetrics
    let intake: SubmissionIntake
    let origins: OriginPolicy

    init(manifest: BallotManifest, configuration: CollectorConfiguration, environment: CollectorEnvironment, store: SubmissionStore,
         metrics: CollectorMetrics) {
        self.manifest = manifest
        self.configuration = configuration
        self.environment = environment
        self.store = store
        self.metrics = metrics
        let check = SubmissionCheck(manifest: manifest, tolerance: configuration.tolerance, verifySignatures: configuration.verifySignatures)
        intake = SubmissionIntake(check: check, store: store, metrics: metrics, collectorID: configuration.collectorID, environment: environment)
        origins = OriginPolicy(allowedOrigins: configuration.allowedOrigins)
    }

    func form(_ id: String) -> FormSpec? { intake.check.form(id) }

    /// The language to answer `request` in about `form`.
    func language(_ request: Request, form: FormSpec?) -> String {
        Messages.language(preferred: Answers.preferredLanguages(request), form: form, defaultLanguage: manifest.defaultLanguage)
    }

    /// A JSON refusal, counted in the metrics.
    func refuse(_ refusal: Refusal, request: Request, form: FormSpec? = nil, retryAfter: Int? = nil) -> Response {
        metrics.recordRejected(refusal.code)
        return Answers.refusal(refusal, language: language(request, form: form), retryAfter: retryAfter)
    }
}
