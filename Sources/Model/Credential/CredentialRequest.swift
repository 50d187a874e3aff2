import Crypto
import Foundation
import _CryptoExtras

/// The participant's side of getting a credential, as the page's script does it (`blind-signature.js`): the message
/// for a ballot key is prepared and blinded for the issuer, and the issuer's blind signature is unblinded into the
/// credential a ballot carries.
public struct CredentialRequest {
    /// What is sent to the issuer: it tells nothing of the key.
    public let blindedMessage: Data
    private let prefix: [UInt8]
    private let prepared: _RSA.BlindSigning.PreparedMessage
    private let inverse: _RSA.BlindSigning.BlindingInverse
    // The deterministic parameters with the prefix made here: the same PSS encoding as the randomized variant,
    // whose own prefix swift-crypto keeps to itself, and a credential must carry it.
    private let issuer: _RSA.BlindSigning.PublicKey<SHA384>

    /// A request for `publicKey` under the issuer's published key (its SubjectPublicKeyInfo in DER); `prefix` is 32
    /// fresh random bytes.
    public init(publicKey: [UInt8], issuerKey: Data, prefix: [UInt8]) throws {
        precondition(prefix.count == CanonicalBallot.credentialPrefixLength, "a credential's prefix is 32 random bytes")
        issuer = try _RSA.BlindSigning.PublicKey(derRepresentation: issuerKey, parameters: .RSABSSA_SHA384_PSS_Deterministic)
        self.prefix = prefix
        prepared = issuer.prepare(prefix + Credential.message(publicKey: publicKey))
        let blinded = try issuer.blind(prepared)
        blindedMessage = blinded.blindedMessage
        inverse = blinded.inverse
    }

    /// The credential from the issuer's blind signature; throws when the issuer signed something else.
    public func credential(blindSignature: Data) throws -> [UInt8] {
        let signature = try issuer.finalize(_RSA.BlindSigning.BlindSignature(rawRepresentation: blindSignature), for: prepared, blindingInverse: inverse)
        return prefix + Array(signature.rawRepresentation)
    }
}
