import Foundation
import Hummingbird
import Model

/// The issuer's routes: its keys, the login and its callback, the credential, the filer's attestation, and its health.
struct IssuerController: Sendable {
    let issuer: CredentialIssuer

    static let mediaType = "application/json"

    private struct KeyBody: Encodable {
        let roll: String
        let key: String
        /// Left out when the issuer attests no filers.
        let filing_key: String?
    }

    private struct CredentialRequest: Decodable {
        let grant: String?
        let blinded: String?
    }

    private struct CredentialBody: Encodable {
        let blind_signature: String
    }

    private struct FilingRequest: Decodable {
        let grant: String?
        let key: String?
    }

    private struct FilingBody: Encodable {
        let name: String
        let attestation: String
    }

    private struct Health: Encodable {
        let status: String
        let roll: String
        let version: String
    }

    func key(_ request: Request, context: BasicRequestContext) async -> Response {
        IssuerAnswers.json(KeyBody(roll: issuer.settings.roll, key: issuer.key.publicKeyText, filing_key: issuer.filingKey?.publicKeyText))
    }

    func login(_ request: Request, context: BasicRequestContext) async -> Response {
        let query = request.uri.queryParameters
        let asked = query["purpose"].map(String.init)
        let purpose: LoginPurpose
        if asked == nil {
            purpose = .credential
        } else if asked == LoginPurpose.filing.rawValue {
            purpose = .filing
        } else {
            return IssuerAnswers.refusal(IssuerRefusal(status: 400, code: "invalid_field",
                                                       message: "purpose must be file (a petition's filing), or left out (a credential)",
                                                       field: "purpose")).response
        }
        switch issuer.login(returnURL: query["return"].map(String.init), purpose: purpose) {
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

    /// The JSON body of a `POST`, read as the collector reads its own (size, media type), or the refusal to answer.
    private func fields<Fields: Decodable>(_ request: Request, as type: Fields.Type, shape: String) async -> Result<Fields, IssuerRefusal> {
        let body: [UInt8]
        switch await BodyReader.read(request, mediaType: Self.mediaType, limit: issuer.settings.bodyLimit) {
        case .success(let bytes): body = bytes
        case .failure(let refusal):
            let status = refusal.code.status
            return .failure(IssuerRefusal(status: status, code: refusal.code.rawValue,
                                          message: status == 413 ? "The body is larger than \(issuer.settings.bodyLimit) bytes."
                                                                 : "Send the body as application/json.",
                                          field: refusal.field))
        }
        guard let fields = try? JSONDecoder().decode(Fields.self, from: Data(body)) else {
            return .failure(IssuerRefusal(status: 400, code: "invalid_json", message: "The body must be a JSON object \(shape)."))
        }
        return .success(fields)
    }

    func credential(_ request: Request, context: BasicRequestContext) async -> Response {
        let fields: CredentialRequest
        switch await self.fields(request, as: CredentialRequest.self, shape: "{\"grant\": ..., \"blinded\": ...}") {
        case .success(let read): fields = read
        case .failure(let refusal): return IssuerAnswers.refusal(refusal).response
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

    func filing(_ request: Request, context: BasicRequestContext) async -> Response {
        // Before the body: a page of an issuer without a filing key learns so whatever it sent.
        guard issuer.filingKey != nil else { return IssuerAnswers.refusal(.filingNotOffered).response }
        let fields: FilingRequest
        switch await self.fields(request, as: FilingRequest.self, shape: "{\"grant\": ..., \"key\": ...}") {
        case .success(let read): fields = read
        case .failure(let refusal): return IssuerAnswers.refusal(refusal).response
        }
        guard let grant = fields.grant else {
            return IssuerAnswers.refusal(.invalidField("grant", "grant must be the text the filing login gave back (#filing_grant=)")).response
        }
        guard let key = fields.key else {
            return IssuerAnswers.refusal(.invalidField("key", "key must be the filing ballot's Ed25519 public key in base64url")).response
        }
        switch issuer.filing(grant: grant, publicKey: key) {
        case .success(let attested):
            return IssuerAnswers.json(FilingBody(name: attested.name, attestation: Base64URL.encode(attested.attestation)), status: .created)
        case .failure(let refusal): return IssuerAnswers.refusal(refusal).response
        }
    }

    private struct CodeRequest: Decodable {
        let code: String?
    }

    private struct GrantBody: Encodable {
        let grant: String
    }

    func codeGrant(_ request: Request, context: BasicRequestContext) async -> Response {
        // Before the body: a page of an issuer without codes learns so whatever it sent.
        guard issuer.codes != nil else { return IssuerAnswers.refusal(.codesNotOffered).response }
        let fields: CodeRequest
        switch await self.fields(request, as: CodeRequest.self, shape: "{\"code\": ...}") {
        case .success(let read): fields = read
        case .failure(let refusal): return IssuerAnswers.refusal(refusal).response
        }
        guard let code = fields.code else {
            return IssuerAnswers.refusal(.invalidField("code", "code must be the voting code on the card, e.g. XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")).response
        }
        switch issuer.codeGrant(code: code) {
        case .success(let grant): return IssuerAnswers.json(GrantBody(grant: grant), status: .created)
        case .failure(let refusal): return IssuerAnswers.refusal(refusal).response
        }
    }

    func health(_ request: Request, context: BasicRequestContext) async -> Response {
        IssuerAnswers.json(Health(status: "ok", roll: issuer.settings.roll, version: CollectorVersion.current))
    }
}
