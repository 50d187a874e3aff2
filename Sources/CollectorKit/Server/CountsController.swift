import Hummingbird
import Model

/// `GET /v1/counts/{formId}`: the running, unverified number of submissions to a form (petition counters).
struct CountsController: Sendable {
    let services: CollectorServices
    let counts: RunningCounts

    struct Answer: Encodable {
        let form: String
        let count: Int
        let asOf: String
        let verified: Bool

        enum CodingKeys: String, CodingKey {
            case form, count, verified
            case asOf = "as_of"
        }
    }

    func count(_ request: Request, context: CollectorContext) async -> Response {
        let formID = context.parameters.getCatchAll().joined(separator: "/")
        guard services.form(formID) != nil else { return services.refuse(Refusal(.unknownForm, field: "form"), request: request) }
        do {
            let snapshot = try counts.snapshot(now: services.environment.now())
            return Answers.json(Answer(form: formID, count: snapshot.counts[formID] ?? 0, asOf: UTCSecond.format(snapshot.takenAt), verified: false))
        } catch {
            return services.refuse(Refusal(.unavailable), request: request)
        }
    }
}
