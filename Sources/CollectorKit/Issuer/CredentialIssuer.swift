import Crypto
import Foundation
import Logging
import Model
import _CryptoExtras

/// Why a person logs in: for an anonymous credential (once per person and roll), or to file a petition under the
/// name the provider gives (`GET /v1/login?purpose=file`, as often as they like).
enum LoginPurpose: String, Sendable {
    case credential
    case filing = "file"

    /// The start of the fragment keys the page is sent back with: `#credential_grant=`, `#filing_error=`...
    var fragment: String { self == .credential ? "credential" : "filing" }
}

/// The issuer's three steps: send a person to the provider (or take a voting code of the roll), make a grant if the
/// roll's conditions hold, and blind-sign one message for that grant. It sees who logs in, never what it signs. With
/// a filing key it also attests, for a filing login, the name the provider gives on the filing ballot's key.
public final class CredentialIssuer: Sendable {
    /// A login sent to the provider and not back yet, under its `state`.
    struct PendingLogin: Sendable {
        let returnURL: String
        let nonce: String
        let verifier: String
        let purpose: LoginPurpose
    }

    /// The longest filer's name attested, in characters: names are short, and the moderators' CSV is read by people.
    static let nameLimit = 200

    let settings: IssuerSettings
    let key: IssuerKeyFile
    let subjectKey: SubjectKey
    let store: IssuedStore
    /// The identity provider; nil where the roll's people prove themselves with voting codes only (`--codes`).
    let provider: OpenIDProvider?
    /// The roll's public keys of voting codes (`--codes`), the identity step where there is no provider.
    let codes: Rolls?
    let environment: CollectorEnvironment
    let logger: Logger
    let origins: OriginPolicy
    let expectations: IDTokenExpectations?
    private let logins: ExpiringTable<PendingLogin>
    /// Subject digests under their grant.
    let grants: ExpiringTable<String>
    private let modulus: [UInt8]
    /// The filing key (`--filing-key`), apart from the blind-signing one: that one signs whatever a page sends it
    /// without seeing it, so an attestation under it could be forged by anyone eligible for a credential.
    let filingKey: IssuerKeyFile?
    private let filingSigner: _RSA.Signing.PrivateKey?
    /// Filers' names under their filing grant: in memory only, and gone once used or expired.
    private let filingGrants: ExpiringTable<String>

    public init(settings: IssuerSettings, key: IssuerKeyFile, filingKey: IssuerKeyFile? = nil, subjectKey: SubjectKey, store: IssuedStore,
                provider: OpenIDProvider?, codes: Rolls? = nil, environment: CollectorEnvironment = CollectorEnvironment(), logger: Logger) throws {
        self.settings = settings
        self.key = key
        self.filingKey = filingKey
        // The same RSA key, for plain RSASSA-PSS signatures rather than blind ones.
        filingSigner = try filingKey.map { try _RSA.Signing.PrivateKey(pemRepresentation: $0.key.pemRepresentation) }
        filingGrants = ExpiringTable(lifetime: settings.lifetime, capacity: settings.pendingLimit)
        self.subjectKey = subjectKey
        self.store = store
        self.provider = provider
        self.codes = codes
        self.environment = environment
        self.logger = logger
        origins = OriginPolicy(allowedOrigins: settings.sites, servesSite: false)
        expectations = provider.map { IDTokenExpectations(issuer: $0.issuer, clientID: settings.clientID,
                                                          requiredClaims: settings.requiredClaims, minimumAge: settings.minimumAge) }
        logins = ExpiringTable(lifetime: settings.lifetime, capacity: settings.pendingLimit)
        grants = ExpiringTable(lifetime: settings.lifetime, capacity: settings.pendingLimit)
        modulus = Array(try key.key.publicKey.getKeyPrimitives().modulus.drop { $0 == 0 })
    }

    /// Where `GET /v1/login?return=` sends the browser: the provider's authorization endpoint, asking the filing
    /// scope for a filing login only, so that a credential's login never asks for a name.
    func login(returnURL: String?, purpose: LoginPurpose = .credential) -> Result<URL, IssuerRefusal> {
        guard let provider else { return .failure(.loginNotOffered) }
        if purpose == .filing, filingKey == nil { return .failure(.filingNotOffered) }
        guard let returnURL, !returnURL.hasPrefix("/"), let link = origins.returnLink(returnURL, authority: nil) else {
            return .failure(IssuerRefusal(status: 400, code: "invalid_return",
                                          message: "return must be the address of a page on one of this issuer's sites (--site): "
                                                 + origins.allowed.sorted().joined(separator: ", "), field: "return"))
        }
        let state = random(), nonce = random(), verifier = random()
        let pending = PendingLogin(returnURL: String(link.prefix { $0 != "#" }), nonce: nonce, verifier: verifier, purpose: purpose)
        guard logins.insert(pending, key: state, now: environment.now()) else { return .failure(.busy) }
        let challenge = Base64URL.encode(SHA256.hash(data: Data(verifier.utf8)))
        let scope = purpose == .filing ? settings.filingScope : settings.scope
        return .success(provider.authorizationURL(clientID: settings.clientID, redirectURI: settings.redirectURI, scope: scope,
                                                  state: state, nonce: nonce, codeChallenge: challenge, acrValues: settings.acrValues))
    }

    /// Where `GET /v1/callback` sends the browser back: its page, with a grant or the reason there is none in the
    /// fragment (which no server sees). The log names the reason, never the person.
    func callback(state: String?, code: String?, error: String?) async -> Result<String, IssuerRefusal> {
        guard let state, let pending = logins.take(state, now: environment.now()) else {
            return .failure(IssuerRefusal(status: 400, code: "unknown_login",
                                          message: "This login is unknown or took longer than 10 minutes: start again from the page."))
        }
        let made = await claims(pending, code: code, error: error).flatMap { claims in
            pending.purpose == .filing ? filingGrant(claims) : grant(claims)
        }
        let fragment = pending.returnURL + "#" + pending.purpose.fragment
        switch made {
        case .success(let grant):
            // A filing login is not logged when it succeeds: `filing attested` says it when the grant is used.
            if pending.purpose == .credential { logger.info("login: grant made") }
            return .success(fragment + "_grant=" + grant)
        case .failure(let refusal):
            logger.notice("\(pending.purpose == .filing ? "filing login" : "login") refused (\(refusal.code.rawValue)): \(refusal.reason)")
            return .success(fragment + "_error=" + refusal.code.rawValue)
        }
    }

    /// The ID token's claims once every check holds (the same checks for both purposes).
    private func claims(_ pending: PendingLogin, code: String?, error: String?) async -> Result<IDTokenClaims, LoginRefusal> {
        if let error {
            let shown = error.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isLowercase || $0 == "_") } ? error : "(not an OAuth error code)"
            return .failure(LoginRefusal(.loginFailed, "the provider answered error=\(shown)"))
        }
        guard let code, !code.isEmpty else { return .failure(LoginRefusal(.loginFailed, "the provider sent no code back")) }
        // A pending login was made by `login`, which needs a provider.
        guard let provider, let expectations else { return .failure(LoginRefusal(.loginFailed, "this issuer has no provider")) }
        let claims: IDTokenClaims
        do throws(LoginRefusal) {
            let token = try await provider.exchange(code: code, verifier: pending.verifier, redirectURI: settings.redirectURI,
                                                    clientID: settings.clientID, clientSecret: settings.clientSecret)
            let verifier = IDTokenVerifier(jwks: try await provider.keys())
            claims = try await verifier.verify(token, expecting: expectations, nonce: pending.nonce, now: environment.now()).get()
        } catch {
            return .failure(error)
        }
        return .success(claims)
    }

    /// A credential grant, bound to the person's subject digest, unless they already have a credential.
    private func grant(_ claims: IDTokenClaims) -> Result<String, LoginRefusal> {
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

    /// A filing grant, bound to the name the provider gives; the `issued` table is neither read nor written, since
    /// one person may file several petitions and a filing says nothing of their credential.
    private func filingGrant(_ claims: IDTokenClaims) -> Result<String, LoginRefusal> {
        let name: String
        switch Self.filerName(given: claims.givenName, family: claims.familyName) {
        case .success(let found): name = found
        case .failure(let refusal): return .failure(refusal)
        }
        let grant = random()
        guard filingGrants.insert(name, key: grant, now: environment.now()) else {
            return .failure(LoginRefusal(.unavailable, "too many filing grants are waiting (\(settings.pendingLimit))"))
        }
        return .success(grant)
    }

    /// `given_name family_name`, each trimmed; the reasons name the claim at fault, never its value.
    static func filerName(given: String?, family: String?) -> Result<String, LoginRefusal> {
        let parts = [("given_name", given), ("family_name", family)].map { claim, value in
            (claim, (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        }
        for (claim, value) in parts where value.isEmpty {
            return .failure(LoginRefusal(.notEligible, "the ID token lacks the claim \(claim), which filing needs (is it in --filing-scope?)"))
        }
        let name = parts.map { $0.1 }.joined(separator: " ")
        guard !name.unicodeScalars.contains(where: isHidden) else {
            return .failure(LoginRefusal(.notEligible, "the ID token's given_name or family_name holds a control character"))
        }
        guard name.count <= nameLimit, name.utf8.count <= 4 * nameLimit else {
            return .failure(LoginRefusal(.notEligible, "the ID token's given_name and family_name are over \(nameLimit) characters"))
        }
        return .success(name)
    }

    /// A line feed would move the name's words into other lines of the attested message and of the moderators' CSV;
    /// other controls, line separators, direction marks and overrides, and invisible characters would show the
    /// moderators another name than the one signed. Joiners stay: Persian and Indic names are written with them.
    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default:
            return [0x061C, 0x200E, 0x200F, 0xFEFF].contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2060...0x2064).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    /// `POST /v1/filings`: the filing key's attestation that the person the grant was made for, named as the
    /// provider names them, files with the ballot key `publicKey` (base64url of 32 bytes). The grant is used up.
    func filing(grant: String, publicKey: String) -> Result<(name: String, attestation: [UInt8]), IssuerRefusal> {
        guard let signer = filingSigner else { return .failure(.filingNotOffered) }
        guard let key = Base64URL.decode(publicKey) else {
            return .failure(.invalidField("key", "key must be the filing ballot's Ed25519 public key in base64url without padding"))
        }
        guard key.count == 32 else {
            return .failure(.invalidField("key", "key must be 32 bytes (an Ed25519 public key), not \(key.count)"))
        }
        guard let name = filingGrants.take(grant, now: environment.now()) else { return .failure(.badGrant) }
        do {
            let message = FilerAttestation.message(roll: settings.roll, publicKey: key, name: name)
            let signature = try signer.signature(for: SHA384.hash(data: message), padding: .PSS)
            logger.info("filing attested")
            return .success((name, Array(signature.rawRepresentation)))
        } catch {
            logger.error("filing not attested: \(error)")
            return .failure(.unavailable)
        }
    }

    /// 32 random bytes in base64url: states, nonces, PKCE verifiers and grants.
    private func random() -> String { Base64URL.encode(environment.randomBytes(32)) }
}
