import Crypto
import Foundation
import Model

/// What an audit bundle says of a ballot's identity fields, which it never publishes: their keyed digest, or why
/// they were refused. Equal digests mean the same person (`IdentityKey`); the key stays with the tellers, so a
/// digest cannot be tested against guessed names.
public struct PublishedIdentity: Equatable, Sendable {
    public var digest: String?
    public var refused: String?

    public init(digest: String? = nil, refused: String? = nil) {
        self.digest = digest
        self.refused = refused
    }
}

/// What `verify` knows of the identity fields that decide one ballot per person on `open` forms.
public enum IdentityEvidence: Sendable {
    /// A fresh random digest key: enough where digests are compared within one verification only.
    public static var anyKey: IdentityEvidence { .fields(digestKey: (0..<32).map { _ in UInt8.random(in: 0...255) }) }

    /// The fields themselves, as a collector's database holds them; each person's group is the HMAC of their
    /// normalised fields under a key made from this one and the form, the digest an audit bundle publishes (one key
    /// per form, so a person's ballots on two forms cannot be linked through their digests).
    case fields(digestKey: [UInt8])
    /// An audit bundle's statements, by receipt.
    case published([String: PublishedIdentity])

    /// The digest of normalised identity fields on `form`.
    static func digest(_ normalised: String, form: String, key: [UInt8]) -> String {
        let formKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data(("identity-digest-v1|" + form).utf8), using: SymmetricKey(data: key)))
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: formKey))
    }

    /// What is known of `record`'s identity on the open form `form`: a refusal (the detail `breaks_rule` carries),
    /// or the digest that groups it (nil when it names nobody or its fields are contested). On a form whose filers'
    /// names are attested, `filer` is the roll's filing key: a row that no intake would have taken (a hostile
    /// collector's file, an edited database) is refused here too, so it never reaches the moderators.
    func judge(_ record: SubmissionRecord, form: FormSpec, filer: IssuerKey?) -> PublishedIdentity {
        switch self {
        case .published(let statements):
            return statements[record.receipt] ?? PublishedIdentity()
        case .fields(let key):
            if form.attestsFilers && record.identity == nil { return PublishedIdentity(refused: Self.unattested(form)) }
            guard let identity = record.identity else { return PublishedIdentity() }
            guard let values = Self.values(identity) else { return PublishedIdentity(refused: "the identity column is not a JSON object of strings") }
            if case .failure(let refusal) = IdentityRules.check(values, form: form) {
                return PublishedIdentity(refused: BallotVerifier.describe(refusal))
            }
            if form.attestsFilers, !Self.attests(identity, publicKey: Base64URL.decode(record.publicKey) ?? [], form: form, filer: filer) {
                return PublishedIdentity(refused: Self.unattested(form))
            }
            return PublishedIdentity(digest: IdentityKey.key(values, fields: form.identityFields).map { Self.digest($0, form: form.id, key: key) })
        }
    }

    /// Whether the stored identity `json` holds the filing key's attestation of its name for `publicKey`, as intake checked it.
    static func attests(_ json: String, publicKey: [UInt8], form: FormSpec, filer: IssuerKey?) -> Bool {
        guard let values = values(json), case .success(let cleaned) = IdentityRules.check(values, form: form) else { return false }
        return FilerAttestation.holds(identity: cleaned, publicKey: publicKey, form: form, issuer: filer)
    }

    private static func unattested(_ form: FormSpec) -> String {
        "the filer's name is not attested for this ballot's key by the filing key of roll `\(form.roll ?? "")`"
    }

    static func values(_ json: String) -> [String: String]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String]
    }
}
