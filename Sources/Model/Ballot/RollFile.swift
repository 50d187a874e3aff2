/// The public roll of a consultation (`roll.txt`): the roll id and the public keys that may sign its forms.
///
/// Format (docs/BALLOT.md): UTF-8 lines joined by LF; first `roll/v1 <roll id>`, then one base64url public key
/// (43 characters) per line, sorted by byte value, no duplicates, no trailing blank line.
///
/// The file's text is what it keeps: one string for a million keys, where a million strings would cost twice the
/// memory and a million allocations; the keys are read out of it when wanted.
public struct RollFile: Equatable, Sendable {
    public static let header = "roll/v1"

    public let rollID: String
    /// The file's text, exactly as `parse` reads it back.
    public let text: String

    /// A roll of `publicKeys`, put in canonical order with duplicates dropped.
    public init(rollID: String, publicKeys: [String]) {
        self.rollID = rollID
        let sorted = Array(Set(publicKeys)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        text = ([Self.header + " " + rollID] + sorted).joined(separator: "\n")
    }

    /// A roll id is what a form's `roll:` names: printable, without spaces, at most 100 bytes.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 100
            && id.unicodeScalars.allSatisfy { !$0.properties.isWhitespace && $0.properties.generalCategory != .control }
    }

    /// Base64url public keys, sorted by their bytes, without duplicates.
    public var publicKeys: [String] { keyLines.map { String(decoding: $0, as: UTF8.self) } }

    /// How many keys the roll holds.
    public var count: Int { text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } }

    /// The public keys as bytes.
    public var keys: [Bytes32] { keyLines.compactMap { Base64URL.decode($0).flatMap(Bytes32.init) } }

    private var keyLines: [Substring.UTF8View] {
        Substring(text).utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropFirst().map { $0 }
    }

    /// Reads a roll file, refusing anything `text` would not have written, with the line at fault. On bytes, not
    /// characters: a million lines split as characters took seconds.
    public static func parse(_ text: String) throws(RollFileError) -> RollFile {
        let lines = Substring(text).utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let first = lines.first, first.starts(with: (header + " ").utf8) else {
            throw RollFileError(line: 1, "the first line must be `\(header) <roll id>`")
        }
        let rollID = String(decoding: first.dropFirst(header.utf8.count + 1), as: UTF8.self)
        guard isValidID(rollID) else {
            throw RollFileError(line: 1, "the roll id after `\(header) ` must be printable, without spaces, at most 100 bytes, e.g. `city-2026`")
        }
        var last: Substring.UTF8View?
        for (offset, key) in lines.dropFirst().enumerated() {
            let number = offset + 2
            if key.isEmpty {
                throw RollFileError(line: number, number == lines.count ? "the file must not end with a newline" : "blank line")
            }
            guard key.count == 43, Base64URL.decodedCount(key) == SignedBallot.publicKeyLength else {
                throw RollFileError(line: number, "not a public key: 43 characters of base64url for 32 bytes")
            }
            if let last {
                if last.elementsEqual(key) { throw RollFileError(line: number, "this key is listed twice") }
                guard last.lexicographicallyPrecedes(key) else { throw RollFileError(line: number, "keys must be sorted by byte value") }
            }
            last = key
        }
        return RollFile(rollID: rollID, text: text)
    }

    private init(rollID: String, text: String) {
        self.rollID = rollID
        self.text = text
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
