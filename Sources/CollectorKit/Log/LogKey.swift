import Crypto
import Foundation
import Model

/// The collector's Ed25519 key, which signs its log's tree heads (docs/LOG.md): made on the first start, kept in a
/// file of its own beside the database, never in it. Its public half is what participants and tellers check with.
public struct LogKey: Sendable {
    // The seed rather than the key, which is not Sendable; whoever signs makes the key once (`LogHeads`).
    private let seed: [UInt8]

    var privateKey: Curve25519.Signing.PrivateKey {
        // Any 32 bytes are an Ed25519 seed.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    /// Beside the database as the address key is (`collector.sqlite` -> `collector.log-key`).
    public static func defaultPath(database: String) -> String {
        URL(fileURLWithPath: database).deletingPathExtension().appendingPathExtension("log-key").path
    }

    /// The key whose 32-byte seed is in the file at `path`, made there when there is none.
    public init(file path: String, randomBytes: (Int) -> [UInt8]) throws(KeyFileError) {
        seed = try SecretKeyFile(kind: "a log key", flag: "--log-key",
                                 exposure: "anyone who reads it can sign tree heads in this collector's name").load(path, randomBytes: randomBytes)
    }

    /// The key of a 32-byte seed held elsewhere (tests).
    public init?(seed: [UInt8]) {
        guard seed.count == SecretKeyFile.byteCount else { return nil }
        self.seed = seed
    }

    /// The public key as the ballots' keys are written: base64url without padding.
    public var publicKeyText: String { Base64URL.encode(privateKey.publicKey.rawRepresentation) }
}
