import Crypto
import Foundation
import _CryptoExtras

/// The public half of a credential issuer's RSA key: it tells whether the issuer blind-signed a message (RFC 9474,
/// RSABSSA-SHA384-PSS-Randomized) without the issuer having seen what it signed.
public struct IssuerKey: Sendable {
    // RFC 9474's PSS variant is RSASSA-PSS with SHA-384 and a 48-byte salt: a plain PSS check of the unblinded signature.
    private let key: _RSA.Signing.PublicKey

    /// The key from its modulus and public exponent, big-endian; swift-crypto refuses one under 2048 bits.
    public init(modulus: Data, exponent: Data) throws(IssuerKeyError) {
        do {
            key = try _RSA.Signing.PublicKey(n: modulus, e: exponent)
        } catch {
            throw IssuerKeyError.unreadable
        }
    }

    /// The key from a SubjectPublicKeyInfo in DER, as a manifest publishes it (base64url of these bytes).
    public init(subjectPublicKeyInfo der: Data) throws(IssuerKeyError) {
        do {
            key = try _RSA.Signing.PublicKey(derRepresentation: der)
        } catch {
            throw IssuerKeyError.unreadable
        }
    }

    /// The SubjectPublicKeyInfo in DER.
    public var subjectPublicKeyInfo: Data { key.derRepresentation }

    /// Whether `signature` is the issuer's on `prepared`: the 32 random bytes the participant's page chose, then the
    /// message (RFC 9474 §4.1).
    public func isValid(signature: Data, prepared: Data) -> Bool {
        guard prepared.count > 32 else { return false }
        return isValid(signature: signature, message: prepared)
    }

    /// Whether `signature` is this key's RSASSA-PSS signature (SHA-384, MGF1-SHA-384, 48-byte salt) on `message` as
    /// it is: the check under both the blind signatures and the issuer's plain ones (`FilerAttestation`).
    public func isValid(signature: Data, message: Data) -> Bool {
        key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA384.hash(data: message), padding: .PSS)
    }
}

/// Why a published issuer key cannot be used.
public enum IssuerKeyError: Error, Equatable, CustomStringConvertible {
    case unreadable

    public var description: String {
        "the issuer key is not an RSA public key of 2048 bits or more (a SubjectPublicKeyInfo in DER, or a modulus and exponent)"
    }
}
