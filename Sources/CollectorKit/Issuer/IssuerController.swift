import Foundation
import Hummingbird
import Model

/// The issuer's routes: its key, the login and its callback, the credential, and its health.
struct IssuerController: Sendable {
    let issuer: CredentialIssuer

    static let mediaType = "application/json"

    private struct KeyBody: Encodable {
        let roll: String
        let key: String
    }

    private struct CredentialRequest: Decodable {
        let grant: String?
        let blinded: String?
    }

    private struct CredentialBody: Encodable {
        let blind_signature: String
    }

    private struct Health: Encodable {
        let status: String
        let roll: String
        let version: String
    }

    func key(_ request: Request, context: BasicRequestContext) async -> Response {
        IssuerAnswers.json(KeyBody(roll: issuer.settings.roll, key: issuer.key.publicKeyText))
    }

    func login(_ request: Request, context: BasicRequestContext) async -> Response {
        switch issuer.login(returnURL: request.uri.queryParameters["return"].map(String.init)) {
        case .success(let url): return IssuerAnswers.redirect(url.absoluteString)
        case .failure(let refusal): return IssuerAnswers.refusal(refusal).response
        }
    }

    func callback(_ request: Request, context: BasicRequestContext) async -> Response {
        let query = request.uri.queryParameters
        switch await issuer.callback(state: query["state"].map(String.init), code: query["code"].map(String.init), error: query["error"].map(String.init)) {
        case .success(let location): return IssuerAnswers.redirect(location)
        case .failure(let refusal): return IssuerAnswers.refusal(refusal).response
        }
    }

    func credential(_ request: Request, context: BasicRequestContext) async -> Response {
        let body: [UInt8]
        switch await BodyReader.read(request, mediaType: Self.mediaType, limit: issuer.settings.bodyLimit) {
        case .success(let bytes): body = bytes
        case .failure(let refusal):
            let status = refusal.code.status
            return IssuerAnswers.refusal(IssuerRefusal(status: status, code: refusal.code.rawValue,
                                                       message: status == 413 ? "The body is larger than \(issuer.settings.bodyLimit) bytes."
                                                                              : "Send the body as application/json.",
                                                       field: refusal.field)).response
        }
        guard let fields = try? JSONDecoder().decode(CredentialRequest.self, from: Data(body)) else {
            return IssuerAnswers.refusal(IssuerRefusal(status: 400, code: "invalid_json",
                                                       message: "The body must be a JSON object {\"grant\": ..., \"blinded\": ...}.")).response
        }
        guard let grant = fields.grant else {
            return IssuerAnswers.refusal(.invalidField("grant", "grant must be the text the login gave back (#credential_grant=)")).response
        }
        guard let blinded = fields.blinded else {
            return IssuerAnswers.refusal(.invalidField("blinded", "blinded must be the blinded message in base64url")).response
        }
        switch issuer.credential(grant: grant, blinded: blinded) {
        case .success(let signature): return IssuerAnswers.json(CredentialBody(blind_signature: Base64URL.encode(signature)), status: .created)
        case .failure(let refusal): return IssuerAnswers.refusal(refusal).response
        }
    }

    func health(_ request: Request, context: BasicRequestContext) async -> Response {
        IssuerAnswers.json(Health(status: "ok", roll: issuer.settings.roll, version: CollectorVersion.current))
    }
}
