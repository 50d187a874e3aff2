import Crypto
import Foundation
import Logging
import Model
import _CryptoExtras

/// The issuer's three steps: send a person to the provider, take them back with a grant if the roll's conditions
/// hold, and blind-sign one message for that grant. It sees who logs in, never what it signs.
public final class CredentialIssuer: Sendable {
    /// A login sent to the provider and not back yet, under its `state`.
    struct PendingLogin: Sendable {
        let returnURL: String
        let nonce: String
        let verifier: String
    }

    let settings: IssuerSettings
    let key: IssuerKeyFile
    let subjectKey: SubjectKey
    let store: IssuedStore
    let provider: OpenIDProvider
    let environment: CollectorEnvironment
    let logger: Logger
    let origins: OriginPolicy
    let expectations: IDTokenExpectations
    private let logins: ExpiringTable<PendingLogin>
    /// Subject digests under their grant.
    private let grants: ExpiringTable<String>
    private let modulus: [UInt8]

    public init(settings: IssuerSettings, key: IssuerKeyFile, subjectKey: SubjectKey, store: IssuedStore, provider: OpenIDProvider,
                environment: CollectorEnvironment = CollectorEnvironment(), logger: Logger) throws {
        self.settings = settings
        self.key = key
        self.subjectKey = subjectKey
        self.store = store
        self.provider = provider
        self.environment = environment
        self.logger = logger
        origins = OriginPolicy(allowedOrigins: settings.sites, servesSite: false)
        expectations = IDTokenExpectations(issuer: provider.issuer, clientID: settings.clientID,
                                           requiredClaims: settings.requiredClaims, minimumAge: settings.minimumAge)
        logins = ExpiringTable(lifetime: settings.lifetime, capacity: settings.pendingLimit)
        grants = ExpiringTable(lifetime: settings.lifetime, capacity: settings.pendingLimit)
        modulus = Array(try key.key.publicKey.getKeyPrimitives().modulus.drop { $0 == 0 })
    }

    /// Where `GET /v1/login?return=` sends the browser: the provider's authorization endpoint.
    func login(returnURL: String?) -> Result<URL, IssuerRefusal> {
        guard let returnURL, !returnURL.hasPrefix("/"), let link = origins.returnLink(returnURL, authority: nil) else {
            return .failure(IssuerRefusal(status: 400, code: "invalid_return",
                                          message: "return must be the address of a page on one of this issuer's sites (--site): "
                                                 + origins.allowed.sorted().joined(separator: ", "), field: "return"))
        }
        let state = random(), nonce = random(), verifier = random()
        let pending = PendingLogin(returnURL: String(link.prefix { $0 != "#" }), nonce: nonce, verifier: verifier)
        guard logins.insert(pending, key: state, now: environment.now()) else { return .failure(.busy) }
        let challenge = Base64URL.encode(SHA256.hash(data: Data(verifier.utf8)))
        return .success(provider.authorizationURL(clientID: settings.clientID, redirectURI: settings.redirectURI, scope: settings.scope,
                                                  state: state, nonce: nonce, codeChallenge: challenge, acrValues: settings.acrValues))
    }

    /// Where `GET /v1/callback` sends the browser back: its page, with a grant or the reason there is none in the
    /// fragment (which no server sees). The log names the reason, never the person.
    func callback(state: String?, code: String?, error: String?) async -> Result<String, IssuerRefusal> {
        guard let state, let pending = logins.take(state, now: environment.now()) else {
            return .failure(IssuerRefusal(status: 400, code: "unknown_login",
                                          message: "This login is unknown or took longer than 10 minutes: start again from the page."))
        }
        switch await grant(pending, code: code, error: error) {
        case .success(let grant):
            logger.info("login: grant made")
            return .success(pending.returnURL + "#credential_grant=" + grant)
        case .failure(let refusal):
            logger.notice("login refused (\(refusal.code.rawValue)): \(refusal.reason)")
            return .success(pending.returnURL + "#credential_error=" + refusal.code.rawValue)
        }
    }

    private func grant(_ pending: PendingLogin, code: String?, error: String?) async -> Result<String, LoginRefusal> {
        if let error {
            let shown = error.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isLowercase || $0 == "_") } ? error : "(not an OAuth error code)"
            return .failure(LoginRefusal(.loginFailed, "the provider answered error=\(shown)"))
        }
        guard let code, !code.isEmpty else { return .failure(LoginRefusal(.loginFailed, "the provider sent no code back")) }
        let claims: IDTokenClaims
        do throws(LoginRefusal) {
            let token = try await provider.exchange(code: code, verifier: pending.verifier, redirectURI: settings.redirectURI,
                                                    clientID: settings.clientID, clientSecret: settings.clientSecret)
            let verifier = IDTokenVerifier(jwks: try await provider.keys())
            claims = try await verifier.verify(token, expecting: expectations, nonce: pending.nonce, now: environment.now()).get()
        } catch {
            return .failure(error)
        }
        // IDTokenCheck has made sure both are there.
        let digest = subjectKey.digest(issuer: claims.issuer ?? "", subject: claims.subject ?? "")
        do {
            if try store.isIssued(roll: settings.roll, digest: digest) {
                return .failure(LoginRefusal(.alreadyIssued, "this person already has a credential for the roll"))
            }
        } catch {
            return .failure(LoginRefusal(.unavailable, "the database could not be read: \(error)"))
        }
        let grant = random()
        guard grants.insert(digest, key: grant, now: environment.now()) else {
            return .failure(LoginRefusal(.unavailable, "too many grants are waiting (\(settings.pendingLimit))"))
        }
        return .success(grant)
    }

    /// `POST /v1/credentials`: the blind signature of `blinded`, once per grant and per person.
    func credential(grant: String, blinded: String) -> Result<[UInt8], IssuerRefusal> {
        let length = key.modulusByteCount
        guard let message = Base64URL.decode(blinded) else {
            return .failure(.invalidField("blinded", "blinded must be base64url without padding"))
        }
        guard message.count == length else {
            return .failure(.invalidField("blinded", "blinded must be \(length) bytes (the issuer key's modulus), not \(message.count)"))
        }
        guard message.lexicographicallyPrecedes(modulus) else {
            return .failure(.invalidField("blinded", "blinded must be a number under the issuer key's modulus"))
        }
        guard let digest = grants.take(grant, now: environment.now()) else { return .failure(.badGrant) }
        do {
            switch try store.issue(roll: settings.roll, digest: digest, sign: { try key.key.blindSignature(for: message).rawRepresentation }) {
            case .issued(let signature):
                logger.info("credential issued")
                return .success(Array(signature))
            case .alreadyIssued:
                logger.notice("credential refused: this person already has one for the roll")
                return .failure(.alreadyIssued)
            }
        } catch {
            logger.error("credential not issued: \(error)")
            return .failure(.unavailable)
        }
    }

    /// 32 random bytes in base64url: states, nonces, PKCE verifiers and grants.
    private func random() -> String { Base64URL.encode(environment.randomBytes(32)) }
}
