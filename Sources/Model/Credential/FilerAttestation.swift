import Foundation

/// An issuer's word that a filer's name is the one the identity provider gave and that the filer is eligible for
/// the roll, bound to the filing ballot's key so that no one else can reuse it (docs/ISSUER.md, "Filing").
public enum FilerAttestation {
    /// What the issuer signs: a fixed label, the roll, the ballot key in base64url and the name, one per line.
    public static func message(roll: String, publicKey: [UInt8], name: String) -> [UInt8] {
        Array(("filer/v1\n" + roll + "\n" + Base64URL.encode(publicKey) + "\n" + name).utf8)
    }

    /// Whether `attestation` is the issuer's RSA-PSS signature (SHA-384, 48-byte salt) on the message.
    public static func holds(_ attestation: [UInt8], roll: String, publicKey: [UInt8], name: String, issuer: IssuerKey) -> Bool {
        issuer.isValid(signature: Data(attestation), prepared: Data(message(roll: roll, publicKey: publicKey, name: name)))
    }
}
