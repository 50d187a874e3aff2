import Foundation

/// An identified filer's attestation: the issuer's filing key signed that the person named `name`, found eligible for
/// the roll by its provider, files the petition whose ballot key is `publicKey` (docs/ISSUER.md, "Filing").
public enum FilerAttestation {
    /// What the issuer signs: a label of its own, so that no credential or other signature can pass for an attestation
    /// (and none of these for a credential), then the roll, the ballot key in base64url and the name, one a line. The
    /// name comes last because it is the only field that may hold spaces; the issuer refuses line feeds in it.
    public static func message(roll: String, publicKey: [UInt8], name: String) -> [UInt8] {
        Array(("filer/v1\n" + roll + "\n" + Base64URL.encode(publicKey) + "\n" + name).utf8)
    }

    /// Whether `attestation` is `issuer`'s RSASSA-PSS (SHA-384) signature on `message(roll:publicKey:name:)`;
    /// `issuer` is the roll's filing key, never its credential key, which signs whatever a page sends it.
    public static func holds(_ attestation: [UInt8], roll: String, publicKey: [UInt8], name: String, issuer: IssuerKey) -> Bool {
        issuer.isValid(signature: Data(attestation), message: Data(message(roll: roll, publicKey: publicKey, name: name)))
    }
}
