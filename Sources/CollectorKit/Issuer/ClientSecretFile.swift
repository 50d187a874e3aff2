import Foundation

/// The client secret the provider gave the issuer, in a file readable by its owner only (never on the command
/// line, where every user of the machine sees it in the process list).
public enum ClientSecretFile {
    public static func read(_ path: String) throws(KeyFileError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw KeyFileError(path, "cannot read it (\(String(cString: strerror(errno))))") }
        let text = try SecretKeyFile.readOwnerOnly(path, status, flag: "--client-secret-file",
                                                   exposure: "anyone who reads it can pass for this issuer at the provider")
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty, !secret.contains("\n") else {
            throw KeyFileError(path, "it must hold the client secret the provider gave, on one line")
        }
        return secret
    }
}
