import Crypto
import Foundation
import Model

/// The secret key of the subject digests, kept in a file beside the database and never in it: the database alone
/// cannot tell whether a given person (their provider's subject identifier) was issued a credential.
public struct SubjectKey: Sendable {
    private let secret: [UInt8]

    /// Beside the database, its extension replaced (`issuer.sqlite` -> `issuer.subject-key`).
    public static func defaultPath(database: String) -> String {
        URL(fileURLWithPath: database).deletingPathExtension().appendingPathExtension("subject-key").path
    }

    /// The key in the file at `path`, made there (readable by its owner only) when there is none.
    public init(file path: String, randomBytes: (Int) -> [UInt8]) throws(KeyFileError) {
        secret = try SecretKeyFile(kind: "a subject key", flag: "--subject-key",
                                   exposure: "anyone who reads it with the database can test whether a given person was issued a credential")
            .load(path, randomBytes: randomBytes)
    }

    /// HMAC-SHA256 of `issuer`, a line feed and `subject`, in hex: one value per person and provider, which stops
    /// a second credential and names no one.
    public func digest(issuer: String, subject: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data((issuer + "\n" + subject).utf8), using: SymmetricKey(data: secret)))
    }
}
