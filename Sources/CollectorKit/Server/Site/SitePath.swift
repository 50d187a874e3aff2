import Model

/// A request's path as the kiosk may look it up in the site folder, or the refusal it gets instead.
///
/// Every rule is applied to the decoded path, whose names then reach the file system and give the content type:
/// a name that says one thing encoded and another decoded (`%2F`, `%00`) is refused, never interpreted.
struct SitePath {
    /// The decoded names between slashes, none empty, `.` or `..`.
    let names: [String]
    /// Whether the path ends with `/`: a folder's `index.html` is served only then, else the path is redirected there.
    let namesFolder: Bool

    /// The path of `urlPath` (as sent, percent-encoded), or the refusal: `invalid_path` (400) for a path no page
    /// links to (an encoded slash or backslash, a control character, an empty, `.` or `..` name), `not_found` (404)
    /// for a name the kiosk never serves (`SitePath.isServable`).
    static func parse(_ urlPath: String) -> Result<SitePath, Refusal> {
        guard urlPath.first == "/", let decoded = decode(Array(urlPath.utf8.dropFirst())) else { return .failure(Refusal(.invalidPath)) }
        var names = decoded.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let namesFolder = names.last == ""
        if namesFolder { names.removeLast() }
        // An empty name (`//en`) would come back from a folder's redirect as `//en/`, another host to the browser.
        if names.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) { return .failure(Refusal(.invalidPath)) }
        guard names.allSatisfy(isServable) else { return .failure(Refusal(.notFound)) }
        return .success(SitePath(names: names, namesFolder: namesFolder))
    }

    /// Whether the kiosk may serve a file or folder of this name: no hidden file, and none of the collector's own
    /// files should an operator put one in the site folder (its database and SQLite's files beside it, an address
    /// key, the secret half of a credentials batch).
    static func isServable(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return !name.hasPrefix(".") && !privateSuffixes.contains(where: lowered.hasSuffix) && !CredentialFiles.secretNames.contains(lowered)
    }

    private static let privateSuffixes = [".sqlite", ".sqlite3", ".db", "-wal", "-shm", "-journal", ".address-key", ".log-key"]

    /// The text of a path's percent-encoded bytes, or nil when an escape is malformed, decodes to a slash or a
    /// backslash, the bytes are not UTF-8, or any character is a control character or a backslash.
    private static func decode(_ encoded: [UInt8]) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var index = 0
        while index < encoded.count {
            guard encoded[index] == UInt8(ascii: "%") else {
                bytes.append(encoded[index])
                index += 1
                continue
            }
            guard index + 2 < encoded.count, let byte = Hex.decode(String(decoding: encoded[index + 1...index + 2], as: UTF8.self))?.first,
                  byte != UInt8(ascii: "/") else { return nil }
            bytes.append(byte)
            index += 3
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let refused = text.unicodeScalars.contains { $0 == "\\" || $0.properties.generalCategory == .control }
        return refused ? nil : text
    }
}
