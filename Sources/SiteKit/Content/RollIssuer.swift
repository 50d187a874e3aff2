import Foundation
import Model

/// A roll whose forms are voted with credentials: where its issuer runs and the key it blind-signs with
/// (site.yaml `credential_issuers`; docs/ISSUER.md).
public struct RollIssuer: Sendable, Equatable {
    public var roll: String
    /// The issuer's address, which the pages send participants to for an identity check and a credential.
    public var url: String
    /// Base64url of the issuer's RSA SubjectPublicKeyInfo in DER, as `collector issuer key` prints it.
    public var key: String
    /// The issuer's second key, which attests filers' names (`--filing-key`), in the same form; nil when it attests none.
    public var filingKey: String?
    /// Whether the issuer takes the roll's voting codes (`--codes`): the pages then offer a code beside the provider.
    public var codes = false
}

/// Reads `credential_issuers`: roll id to `url`, `key`, `filing_key` and `codes`, each checked where it is written.
enum CredentialIssuersLoader {
    static func load(_ reader: YAMLReader) -> [RollIssuer] {
        guard let rolls = reader.mapping("credential_issuers") else { return [] }
        var issuers: [RollIssuer] = []
        for roll in rolls.keys {
            guard let entry = rolls.mapping(roll) else { continue }
            let url = entry.requiredString("url", hint: "the issuer's address, e.g. `https://id.example.org/` (`collector issuer serve --public-url`)")
            if let url, CollectorOrigin.of(url) == nil {
                entry.report("url", "`\(url)` is not an http(s) address", hint: "write the issuer's full address, e.g. `https://id.example.org/`")
            }
            let key = entry.requiredString("key", hint: "copy the key `collector issuer key` prints")
            if let key, (Base64URL.decode(key).flatMap { try? IssuerKey(subjectPublicKeyInfo: Data($0)) }) == nil {
                entry.report("key", "the key of roll `\(roll)` is not an issuer key (base64url of an RSA public key of 2048 bits or more)",
                             hint: "copy the key `collector issuer key --print issuer.pem` prints, on one line")
            } else if let key, let shared = issuers.first(where: { $0.key == key || $0.filingKey == key }) {
                // One key for two rolls lets anyone eligible for one sign the other's forms: the issuer never sees what it signs.
                entry.report("key", "roll `\(roll)` has the same issuer key as roll `\(shared.roll)`",
                             hint: "make one key per roll with `collector issuer key --out <roll>.pem` and run one issuer per roll")
            }
            let filingKey = entry.string("filing_key")
            if let filingKey, (Base64URL.decode(filingKey).flatMap { try? IssuerKey(subjectPublicKeyInfo: Data($0)) }) == nil {
                entry.report("filing_key", "the filing key of roll `\(roll)` is not an issuer key (base64url of an RSA public key of 2048 bits or more)",
                             hint: "copy the key `collector issuer key --print filing.pem` prints, on one line")
            } else if let filingKey, filingKey == key || issuers.contains(where: { $0.key == filingKey || $0.filingKey == filingKey }) {
                // The blind-signing key signs whatever it is sent: an attestation under it could be forged by anyone eligible.
                entry.report("filing_key", "the filing key of roll `\(roll)` is also a key of an issuer",
                             hint: "make the filing key apart with `collector issuer key --out filing.pem`; never reuse the blind-signing key")
            }
            let codes = entry.bool("codes") ?? false
            entry.finish(allowed: ["url", "key", "filing_key", "codes"], context: "a roll of credential_issuers")
            if let url, let key { issuers.append(RollIssuer(roll: roll, url: url, key: key, filingKey: filingKey, codes: codes)) }
        }
        return issuers
    }
}
