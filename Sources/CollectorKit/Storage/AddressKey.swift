import Crypto
import Foundation
import Model

/// The secret key of the client-address hashes, kept in a file of its own and never in the database.
///
/// Hashed with a salt the database holds, every IPv4 address comes back from the file alone in minutes (there are
/// 2³² of them); keyed with a secret kept elsewhere, the hashes only tell which rows came from one address.
/// Collectors behind one load balancer that share the key file hash an address alike, so `verify`'s
/// `same_address` counts across their files.
public struct AddressKey: Sendable {
    // Bytes rather than a SymmetricKey, which is not Sendable; a key is made for each address not in the store's cache.
    private let secret: [UInt8]

    /// Beside the database, its extension replaced (`collector.sqlite` -> `collector.address-key`): where the key is
    /// kept unless `--address-key` names another file. Not `collector.sqlite.address-key`, which the `collector.sqlite*`
    /// that copies a database with its `-wal` and `-shm` would take along.
    public static func defaultPath(database: String) -> String {
        URL(fileURLWithPath: database).deletingPathExtension().appendingPathExtension("address-key").path
    }

    /// The key in the file at `path`; when there is none, a new key of 32 `randomBytes`, written there readable by
    /// its owner only. A file that others may read, or that holds anything but a key, is refused.
    public init(file path: String, randomBytes: (Int) -> [UInt8]) throws(KeyFileError) {
        secret = try SecretKeyFile(kind: "an address key", flag: "--address-key",
                                   exposure: "anyone who reads it can turn the stored hashes back into addresses").load(path, randomBytes: randomBytes)
    }

    /// The hash stored in place of `address`: HMAC-SHA256 under the key, in hex.
    func hash(_ address: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(address.utf8), using: SymmetricKey(data: secret)))
    }
}

/// Why a key file could not be read or made: the file, what is wrong with it, and what to do.
public struct KeyFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
