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
    public init(file path: String, randomBytes: (Int) -> [UInt8]) throws(AddressKeyError) {
        var status = stat()
        if stat(path, &status) != 0 {
            guard errno == ENOENT else { throw AddressKeyError(path, "cannot read it (\(Self.systemError()))") }
            if let created = try Self.create(path, bytes: randomBytes(Self.byteCount)) {
                secret = created
                return
            }
            // Another collector sharing the file made it first: theirs is the key.
            guard stat(path, &status) == 0 else { throw AddressKeyError(path, "cannot read it (\(Self.systemError()))") }
        }
        secret = try Self.read(path, status)
    }

    /// The hash stored in place of `address`: HMAC-SHA256 under the key, in hex.
    func hash(_ address: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(address.utf8), using: SymmetricKey(data: secret)))
    }

    private static let byteCount = 32

    private static func read(_ path: String, _ status: stat) throws(AddressKeyError) -> [UInt8] {
        guard status.st_mode & S_IFMT == S_IFREG else { throw AddressKeyError(path, "not a file: name the key file with --address-key") }
        let permissions = status.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw AddressKeyError(path, "others than its owner may read or change it (mode \(String(permissions, radix: 8))); "
                                      + "anyone who reads it can turn the stored hashes back into addresses: run chmod 600 \(path)")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AddressKeyError(path, "cannot read it (\(error.localizedDescription))")
        }
        guard let bytes = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == byteCount else {
            throw AddressKeyError(path, "not an address key: it must hold \(byteCount * 2) hex digits, as `openssl rand -hex \(byteCount)` "
                                      + "writes; put back the key this collector used, or remove the file to have a new one made")
        }
        return bytes
    }

    /// Writes `bytes` as a new key file, or returns nil when the file appeared meanwhile; never replaces one.
    private static func create(_ path: String, bytes: [UInt8]) throws(AddressKeyError) -> [UInt8]? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return nil }
            throw AddressKeyError(path, "cannot create it (\(systemError())); check the folder's permissions, or name another file with --address-key")
        }
        defer { close(descriptor) }
        let text = Array((Hex.encode(bytes) + "\n").utf8)
        // The umask may have taken bits off 0600; the owner must still read the key at the next start.
        guard fchmod(descriptor, 0o600) == 0, write(descriptor, text, text.count) == text.count, fsync(descriptor) == 0 else {
            let reason = systemError()
            unlink(path)
            throw AddressKeyError(path, "cannot write it (\(reason))")
        }
        // A key lost in a crash would give the rows after it other hashes than the rows before.
        let folder = (path as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return bytes
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}

/// Why the address key could not be read or made: the file, what is wrong with it, and what to do.
public struct AddressKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
