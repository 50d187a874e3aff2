import Crypto
import Foundation

/// The Ed25519 key a voting code stands for: `HKDF-SHA256(ikm: the code's 24 data symbols, salt: roll id,
/// info: "ballot-key-v1")` gives the 32-byte seed; the browser derives the same key with WebCrypto.
public struct VotingKey {
    public static let info = "ballot-key-v1"

    public let privateKey: Curve25519.Signing.PrivateKey

    public init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The key of the typed `code` on the roll `rollID`; throws when the code does not parse or its check fails.
    public init(code: String, rollID: String) throws(VotingCodeError) {
        self.init(code: try VotingCode(parsing: code), rollID: rollID)
    }

    /// The key of `code` on the roll `rollID`.
    public init(code: VotingCode, rollID: String) {
        let seed = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(code.data.utf8)),
            salt: Data(rollID.utf8),
            info: Data(Self.info.utf8),
            outputByteCount: 32
        )
        let bytes = seed.withUnsafeBytes { Data($0) }
        // A 32-byte seed is always a valid Ed25519 private key.
        self.privateKey = try! Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
    }

    /// The key of a 32-byte random seed, for `open` forms posted without JavaScript; nil for another length.
    public init?(seed: [UInt8]) {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else { return nil }
        self.privateKey = key
    }

    /// The 32-byte seed, which is the Ed25519 private key.
    public var seed: [UInt8] { Array(privateKey.rawRepresentation) }

    /// Public key, base64url without padding (43 characters).
    public var publicKey: String { Base64URL.encode(privateKey.publicKey.rawRepresentation) }

    /// Signature of the ballot's canonical text, base64url without padding (86 characters).
    public func sign(_ ballot: CanonicalBallot) -> String {
        // Signing with a well-formed key over in-memory bytes does not fail.
        Base64URL.encode(try! privateKey.signature(for: Data(ballot.text.utf8)))
    }
}
