/// The public roll of a consultation (`roll.txt`): the roll id and the public keys that may sign its forms.
///
/// Format (docs/BALLOT.md): UTF-8 lines joined by LF; first `roll/v1 <roll id>`, then one base64url public key
/// (43 characters) per line, sorted by byte value, no duplicates, no trailing blank line.
public struct RollFile: Equatable, Sendable {
    public static let header = "roll/v1"

    public let rollID: String
    /// Base64url public keys, sorted by their bytes, without duplicates.
    public let publicKeys: [String]

    /// A roll of `publicKeys`, put in canonical order with duplicates dropped.
    public init(rollID: String, publicKeys: [String]) {
        self.rollID = rollID
        self.publicKeys = Array(Set(publicKeys)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// A roll id is what a form's `roll:` names: printable, without spaces, at most 100 bytes.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 100
            && id.unicodeScalars.allSatisfy { !$0.properties.isWhitespace && $0.properties.generalCategory != .control }
    }

    /// The file's text, exactly as `parse` reads it back.
    public var text: String {
        ([Self.header + " " + rollID] + publicKeys).joined(separator: "\n")
    }

    /// Reads a roll file, refusing anything `text` would not have written, with the line at fault.
    public static func parse(_ text: String) throws(RollFileError) -> RollFile {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix(header + " ") else {
            throw RollFileError(line: 1, "the first line must be `\(header) <roll id>`")
        }
        let rollID = String(first.dropFirst(header.count + 1))
        guard isValidID(rollID) else {
            throw RollFileError(line: 1, "the roll id after `\(header) ` must be printable, without spaces, at most 100 bytes, e.g. `city-2026`")
        }
        var keys: [String] = []
        keys.reserveCapacity(lines.count - 1)
        for (offset, line) in lines.dropFirst().enumerated() {
            let number = offset + 2
            let key = String(line)
            if key.isEmpty {
                throw RollFileError(line: number, number == lines.count ? "the file must not end with a newline" : "blank line")
            }
            guard key.utf8.count == 43, Base64URL.decode(key)?.count == SignedBallot.publicKeyLength else {
                throw RollFileError(line: number, "not a public key: 43 characters of base64url for 32 bytes")
            }
            if let last = keys.last {
                if last == key { throw RollFileError(line: number, "this key is listed twice") }
                guard last.utf8.lexicographicallyPrecedes(key.utf8) else {
                    throw RollFileError(line: number, "keys must be sorted by byte value")
                }
            }
            keys.append(key)
        }
        return RollFile(rollID: rollID, sortedKeys: keys)
    }

    private init(rollID: String, sortedKeys: [String]) {
        self.rollID = rollID
        self.publicKeys = sortedKeys
    }
}

/// Why a text is not a roll file: the line and what is wrong there.
public struct RollFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
