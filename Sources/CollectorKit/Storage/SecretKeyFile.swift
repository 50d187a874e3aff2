import Foundation
import Model

/// A 32-byte secret in a file of its own, readable by its owner only: the address key and the log's signing key.
/// Made on first use (never replacing a file that appeared meanwhile, which another collector sharing it made);
/// a file that others may read, or that holds anything but a key, is refused.
struct SecretKeyFile {
    /// What the key is, after "not": `an address key`.
    let kind: String
    /// The option that names another file.
    let flag: String
    /// Who learns what if others read the file, for the `chmod` message.
    let exposure: String

    static let byteCount = 32

    /// The key in the file at `path`, or a new one of `randomBytes` written there when there is none.
    func load(_ path: String, randomBytes: (Int) -> [UInt8]) throws(KeyFileError) -> [UInt8] {
        var status = stat()
        if stat(path, &status) != 0 {
            guard errno == ENOENT else { throw KeyFileError(path, "cannot read it (\(Self.systemError()))") }
            if let created = try create(path, bytes: randomBytes(Self.byteCount)) { return created }
            // Another collector sharing the file made it first: theirs is the key.
            guard stat(path, &status) == 0 else { throw KeyFileError(path, "cannot read it (\(Self.systemError()))") }
        }
        return try read(path, status)
    }

    private func read(_ path: String, _ status: stat) throws(KeyFileError) -> [UInt8] {
        let text = try Self.readOwnerOnly(path, status, flag: flag, exposure: exposure)
        guard let bytes = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == Self.byteCount else {
            throw KeyFileError(path, "not \(kind): it must hold \(Self.byteCount * 2) hex digits, as `openssl rand -hex \(Self.byteCount)` "
                                   + "writes; put back the key this collector used, or remove the file to have a new one made")
        }
        return bytes
    }

    /// Writes `bytes` as a new key file, or returns nil when the file appeared meanwhile; never replaces one.
    private func create(_ path: String, bytes: [UInt8]) throws(KeyFileError) -> [UInt8]? {
        try Self.createOwnerOnly(path, text: Hex.encode(bytes) + "\n", flag: flag) ? bytes : nil
    }

    /// The text of the key file at `path` (`status` is its `stat`), refused when it is not a regular file or when
    /// others than its owner may read or change it; `exposure` says who learns what then.
    static func readOwnerOnly(_ path: String, _ status: stat, flag: String, exposure: String) throws(KeyFileError) -> String {
        guard status.st_mode & S_IFMT == S_IFREG else { throw KeyFileError(path, "not a file: name the key file with \(flag)") }
        let permissions = status.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw KeyFileError(path, "others than its owner may read or change it (mode \(String(permissions, radix: 8))); "
                                   + "\(exposure): run chmod 600 \(path)")
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KeyFileError(path, "cannot read it (\(error.localizedDescription))")
        }
    }

    /// Writes `text` as a new file readable by its owner only and syncs it and its folder; false when the file
    /// already exists, which is never replaced.
    static func createOwnerOnly(_ path: String, text: String, flag: String) throws(KeyFileError) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw KeyFileError(path, "cannot create it (\(systemError())); check the folder's permissions, or name another file with \(flag)")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        // The umask may have taken bits off 0600; the owner must still read the key at the next start.
        guard fchmod(descriptor, 0o600) == 0, write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
            let reason = systemError()
            unlink(path)
            throw KeyFileError(path, "cannot write it (\(reason))")
        }
        // A key lost in a crash would give the rows after it other hashes (or the log other signatures) than before.
        let folder = (path as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return true
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}
