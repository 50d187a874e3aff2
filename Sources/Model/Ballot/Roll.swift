/// The public roll: a roll id and the public keys of its voting codes (docs/BALLOT.md, "Roll file").
///
/// ```
/// roll/v1 city-2026
/// 0Ab...
/// kL5...
/// ```
/// Keys are sorted by byte value without duplicates, so the same codes always give the same file.
public struct Roll: Equatable, Sendable {
    public static let header = "roll/v1"

    public let id: String
    /// Base64url public keys, sorted by their bytes, without duplicates.
    public let publicKeys: [String]

    /// A roll of `publicKeys` in canonical order; throws when the id cannot be written on the header line.
    public init(id: String, publicKeys: some Sequence<String>) throws(RollError) {
        guard Self.isValidID(id) else { throw .invalidID(id) }
        self.id = id
        self.publicKeys = Array(Set(publicKeys)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// A roll id is what a form's `roll:` names: printable, without spaces, at most 100 bytes.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 100 && id.unicodeScalars.allSatisfy { !$0.properties.isWhitespace && $0.properties.generalCategory != .control }
    }

    /// The file's text: the header line, then one key per line, joined by LF, no trailing newline.
    public var text: String {
        ([Self.header + " " + id] + publicKeys).joined(separator: "\n")
    }

    /// Reads a roll file, refusing anything `text` would not have written; the error names the line.
    public static func parse(_ text: String) throws(RollError) -> Roll {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix(header + " ") else { throw .header }
        let id = String(first.dropFirst(header.count + 1))
        guard isValidID(id) else { throw .invalidID(id) }
        var keys: [String] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let number = offset + 2
            guard let bytes = Base64URL.decode(line.utf8), bytes.count == SignedBallot.publicKeyLength else { throw .invalidKey(line: number) }
            let key = String(line)
            if let last = keys.last, !last.utf8.lexicographicallyPrecedes(key.utf8) {
                throw last == key ? .duplicateKey(line: number) : .unsorted(line: number)
            }
            keys.append(key)
        }
        return try Roll(id: id, publicKeys: keys)
    }
}

/// Why a roll could not be made or read.
public enum RollError: Error, Equatable, CustomStringConvertible {
    case header
    case invalidID(String)
    case invalidKey(line: Int)
    case duplicateKey(line: Int)
    case unsorted(line: Int)

    public var description: String {
        switch self {
        case .header: return "the first line must be `\(Roll.header) <roll id>`"
        case .invalidID(let id): return "`\(id)` is not a roll id: use letters, digits and punctuation without spaces, at most 100 bytes (e.g. city-2026)"
        case .invalidKey(let line): return "line \(line): not a public key (43 characters of base64url); an empty line is one too"
        case .duplicateKey(let line): return "line \(line): this key is already listed"
        case .unsorted(let line): return "line \(line): keys must be sorted by their bytes"
        }
    }
}
