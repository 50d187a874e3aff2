import Hummingbird
import Model

/// `POST /v1/starts/{formId}`: a participant began a ballot (the page's script sends it once, at the first choice),
/// counted per form and hour so reports can set submitted ballots against begun ones. It carries nothing about who.
struct StartsController: Sendable {
    let services: CollectorServices

    func start(_ request: Request, context: CollectorContext) async -> Response {
        let formID = context.parameters.getCatchAll().joined(separator: "/")
        guard let form = services.form(formID) else { return services.refuse(Refusal(.unknownForm, field: "form"), request: request) }
        let now = services.environment.now()
        if let refusal = services.intake.check.checkOpen(form, at: now) { return services.refuse(refusal, request: request, form: form) }
        services.store.countStart(form: form.id, collectorID: services.configuration.collectorID, at: now)
        return Response(status: .noContent)
    }
}
