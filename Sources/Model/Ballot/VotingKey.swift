import Crypto
import Foundation

/// The Ed25519 key a voting code stands for: `HKDF-SHA256(ikm: normalized code, salt: roll id,
/// info: "ballot-key-v1")` gives the 32-byte seed; the browser derives the same key with WebCrypto.
public struct VotingKey {
    public static let info = "ballot-key-v1"
    /// 100 bits of Crockford base32.
    public static let minimumCodeLength = 20

    public let privateKey: Curve25519.Signing.PrivateKey

    public init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The key of `code` on the roll `rollID`; throws when the code is not Crockford base32 of 100 bits or more.
    public init(code: String, rollID: String) throws(VotingCodeError) {
        let normalized = try Self.normalize(code)
        let seed = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(normalized.utf8)),
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

    /// The code as it is hashed: uppercase, spaces and hyphens removed, I and L read as 1, O as 0.
    public static func normalize(_ code: String) throws(VotingCodeError) -> String {
        var out = ""
        for character in code.uppercased() {
            switch character {
            case " ", "-": continue
            case "I", "L": out.append("1")
            case "O": out.append("0")
            case "U": throw .invalidCharacter
            default:
                guard character.isASCII, character.isNumber || character.isLetter else { throw .invalidCharacter }
                out.append(character)
            }
        }
        guard out.count >= minimumCodeLength else { throw .tooShort }
        return out
    }

    /// Public key, base64url without padding (43 characters).
    public var publicKey: String { Base64URL.encode(privateKey.publicKey.rawRepresentation) }

    /// Signature of the ballot's canonical text, base64url without padding (86 characters).
    public func sign(_ ballot: CanonicalBallot) -> String {
        // Signing with a well-formed key over in-memory bytes does not fail.
        Base64URL.encode(try! privateKey.signature(for: Data(ballot.text.utf8)))
    }
}

/// Why a voting code was refused.
public enum VotingCodeError: Error, Equatable {
    case invalidCharacter
    case tooShort
}
