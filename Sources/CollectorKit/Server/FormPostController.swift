import Foundation
import Hummingbird
import Model

/// `POST /v1/forms/{formId}`: a form posted with JavaScript off. The collector writes and signs the ballot the
/// script would have (key from the voting code, or a fresh one for open forms), stores the same record, and
/// forgets the code; it answers with a page in the form's language, or a 303 to the site's receipt page.
struct FormPostController: Sendable {
    let services: CollectorServices

    func post(_ request: Request, context: CollectorContext) async -> Response {
        let formID = context.parameters.getCatchAll().joined(separator: "/")
        let form = services.form(formID)
        var language = services.language(request, form: form)
        var back = services.manifest.site
        func refuse(_ refusal: Refusal) -> Response {
            services.metrics.recordRejected(refusal.code)
            let page = AnswerPage(messages: services.messages, language: language).refused(refusal, title: title(form, language), back: back)
            return Answers.html(page, status: .init(code: refusal.code.status))
        }
        guard let form else { return refuse(Refusal(.unknownForm, field: "form")) }
        let post: FormPost
        switch await readPost(request, form: form) {
        case .success(let read): post = read
        case .failure(let refusal): return refuse(refusal)
        }
        if let requested = post.language, form.title[requested] != nil { language = requested }
        // The page asked for, else the page the form was on (when it is ours), else the site.
        if let link = services.origins.returnLink(post.returnURL, request: request)
            ?? services.origins.returnLink(request.headers[.referer], request: request) {
            back = link
        }
        if let refusal = services.intake.check.checkOpen(form, at: services.environment.now()) { return refuse(refusal) }
        let key: VotingKey
        switch makeKey(post, form: form) {
        case .success(let made): key = made
        case .failure(let refusal): return refuse(refusal)
        }
        let ballot = CanonicalBallot(form: form.id, items: post.items, nonce: services.environment.randomBytes(CanonicalBallot.nonceLength),
                                     issued: services.environment.now())
        let input = SubmissionInput(form: form.id, ballot: ballot.text, publicKey: key.publicKey, signature: key.sign(ballot),
                                    identity: post.identity)
        switch await services.intake.accept(input, clientAddress: services.clientAddress(request, context: context)) {
        case .failure(let refusal):
            return refuse(refusal)
        case .success(let receipt):
            if let page = services.configuration.receiptPage {
                return redirect(to: page, receipt: receipt)
            }
            return Answers.html(AnswerPage(messages: services.messages, language: language).stored(receipt, title: title(form, language), back: back),
                                status: .created)
        }
    }

    private func readPost(_ request: Request, form: FormSpec) async -> Result<FormPost, Refusal> {
        let limit = services.configuration.bodyLimit
        switch await BodyReader.read(request, mediaType: "application/x-www-form-urlencoded", limit: limit) {
        case .failure(let refusal):
            return .failure(refusal)
        case .success(let bytes):
            return FormFields.parse(bytes).flatMap { FormPost.read($0, form: form) }
        }
    }

    /// The participant's key: derived from the posted code (roll forms), else fresh; the code goes no further.
    private func makeKey(_ post: FormPost, form: FormSpec) -> Result<VotingKey, Refusal> {
        switch form.eligibility {
        case .roll:
            guard let code = post.code, !code.isEmpty else { return .failure(Refusal(.missingField, field: "code")) }
            do {
                return .success(try VotingKey(code: code, rollID: form.roll ?? ""))
            } catch .checkMismatch {
                return .failure(Refusal(.codeMistyped, field: "code"))
            } catch {
                return .failure(Refusal(.invalidCode, field: "code"))
            }
        case .credential:
            // Blinding happens in the page's script: a plain post can carry no credential.
            return .failure(Refusal(.credentialRequired, field: "ballot"))
        case .open:
            if post.code != nil { return .failure(Refusal(.unknownField, field: "code")) }
            // The attestation names the key the page made before asking the issuer: a key made here has none.
            if form.attestsFilers { return .failure(Refusal(.identityNotConfirmed, field: "identity." + FilerAttestation.identityKey)) }
            guard let key = VotingKey(seed: services.environment.randomBytes(32)) else { return .failure(Refusal(.unavailable)) }
            return .success(key)
        }
    }

    private func redirect(to page: String, receipt: Receipt) -> Response {
        var components = URLComponents(string: page) ?? URLComponents()
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "receipt", value: receipt.receipt),
                                                                 URLQueryItem(name: "form", value: receipt.form)]
        return Response(status: .seeOther, headers: [.location: components.string ?? page])
    }

    private func title(_ form: FormSpec?, _ language: String) -> String {
        guard let form else { return services.manifest.site }
        return form.title[language] ?? form.title[services.manifest.defaultLanguage] ?? form.title.values.sorted().first ?? form.id
    }
}
