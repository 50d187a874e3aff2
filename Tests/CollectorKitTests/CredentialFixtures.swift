import Crypto
import Foundation
import Model
import _CryptoExtras

/// An issuer and the credentials it signs blind, made as the page makes them, for the tests of credential forms.
enum CredentialFixtures {
    /// Made once per test run: generating a key takes a moment.
    static let issuer = try! _RSA.BlindSigning.PrivateKey(keySize: .bits2048)
    static let stranger = try! _RSA.BlindSigning.PrivateKey(keySize: .bits2048)
    static var issuerKeyText: String { Base64URL.encode(issuer.publicKey.derRepresentation) }

    /// The credential `signer` issues for `key`, through the blind protocol.
    static func credential(for key: VotingKey, signer: _RSA.BlindSigning.PrivateKey<SHA384> = issuer) -> [UInt8] {
        let publicKey = Base64URL.decode(key.publicKey)!
        let request = try! CredentialRequest(publicKey: publicKey, issuerKey: signer.publicKey.derRepresentation,
                                             prefix: [UInt8](repeating: publicKey[0], count: 32))
        return try! request.credential(blindSignature: signer.blindSignature(for: request.blindedMessage).rawRepresentation)
    }

    /// A petition signed with credentials of roll `adults`.
    static let petition = FormSpec(id: "house/anon/sign", kind: .petition, title: ["en": "Quiet streets", "fr": "Rues calmes"], space: "house",
                                   eligibility: .credential, roll: "adults", thresholds: [Threshold(count: 3, consequence: ["en": "A reply"])],
                                   issuerKey: issuerKeyText)
}
