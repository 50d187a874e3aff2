import Foundation

/// A credential: the issuer of a roll blind-signed a ballot key, so the key may sign for that roll while no one can
/// tell whose it is (docs/BALLOT.md, "Credentials").
public enum Credential {
    /// What the page blinds and the issuer signs without seeing it: a fixed label, so that a signature on a ballot key
    /// can never pass for one on anything else, then the key in base64url.
    public static func message(publicKey: [UInt8]) -> [UInt8] {
        Array(("credential/v1\n" + Base64URL.encode(publicKey)).utf8)
    }

    /// Whether `credential` (the page's random prefix, then the unblinded signature) is `issuer`'s on `publicKey`.
    public static func holds(_ credential: [UInt8], publicKey: [UInt8], issuer: IssuerKey) -> Bool {
        guard credential.count > CanonicalBallot.credentialPrefixLength else { return false }
        let prefix = credential.prefix(CanonicalBallot.credentialPrefixLength)
        let signature = credential.dropFirst(CanonicalBallot.credentialPrefixLength)
        return issuer.isValid(signature: Data(signature), prepared: Data(prefix) + Data(message(publicKey: publicKey)))
    }
}

extension Credential {
    /// Why a ballot's credential does not let it count on `form`, or nil when it does (docs/COUNTING.md 4.2 step 8):
    /// the same answer at intake and in every recount.
    public static func problem(_ ballot: CanonicalBallot, publicKey: [UInt8], form: FormSpec, issuer: IssuerKey?) -> CredentialProblem? {
        guard form.eligibility == .credential else { return ballot.credential == nil ? nil : .unexpected }
        guard let credential = ballot.credential else { return .missing }
        guard let issuer else { return .noIssuerKey }
        return holds(credential, publicKey: publicKey, issuer: issuer) ? nil : .notSigned
    }
}

/// Why a ballot's credential fails.
public enum CredentialProblem: Equatable, Sendable, CustomStringConvertible {
    /// A credential on a form voted otherwise: the text is not what that form's page writes.
    case unexpected
    case missing
    /// The manifest's issuer key for the form could not be read, so no credential holds.
    case noIssuerKey
    /// The credential is not the roll's issuer's signature on this ballot's key.
    case notSigned

    public var description: String {
        switch self {
        case .unexpected: return "the form takes no credential"
        case .missing: return "the ballot carries no credential"
        case .noIssuerKey: return "the manifest gives no usable issuer key"
        case .notSigned: return "the credential is not the issuer's signature on the ballot's key"
        }
    }
}
