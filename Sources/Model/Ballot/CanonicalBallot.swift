import Foundation

/// A ballot as the text that is signed: byte-identical whether Swift or the browser's script writes it.
///
/// ```
/// ballot/v1
/// form=city%2Fward-1%2Fvote
/// choices=library-roof,park-benches
/// nonce=3q2-7wAAAAAAAAAAAAAAAA
/// issued=2026-11-26T15:00:00Z
/// ```
/// Lines joined by `\n`, no trailing newline; items sorted by their UTF-8 bytes, no duplicates. A ballot of a
/// `credential` form has a sixth line, `credential=`, the issuer's blind signature on its key. docs/BALLOT.md is
/// the full specification.
public struct CanonicalBallot: Equatable, Sendable {
    public static let header = headerText.description
    private static let headerText: StaticString = "ballot/v1"
    public static let nonceLength = 16
    /// The random bytes before the message the issuer signs (RFC 9474's randomized variant).
    public static let credentialPrefixLength = 32

    public let form: String
    /// Sorted, without duplicates.
    public let items: [BallotItem]
    public let nonce: [UInt8]
    /// Whole seconds.
    public let issued: Date
    /// A `credential` form's: the 32 random bytes the page prepared the message with, then the issuer's signature.
    public let credential: [UInt8]?
    /// The `choices=` line's value: the items' text joined by commas. Kept as read, since a canonical value is that
    /// text byte for byte: `verify` numbers a million of them, which spelling each again took a hundredth of its time.
    public let choices: String

    /// A ballot with `items` put in canonical order (duplicates dropped) and `issued` truncated to the second.
    public init(form: String, items: [BallotItem], nonce: [UInt8], issued: Date, credential: [UInt8]? = nil) {
        self.form = form
        self.items = Array(Set(items)).sorted(by: BallotItem.precedes)
        self.nonce = nonce
        self.issued = UTCSecond.truncate(issued)
        self.credential = credential
        choices = self.items.map(\.encoded).joined(separator: ",")
    }

    /// The canonical text; its UTF-8 bytes are what gets signed.
    public var text: String {
        [
            Self.header,
            "form=" + PercentEncoding.encode(form),
            "choices=" + choices,
            "nonce=" + Base64URL.encode(nonce),
            "issued=" + UTCSecond.format(issued),
        ].joined(separator: "\n") + (credential.map { "\ncredential=" + Base64URL.encode($0) } ?? "")
    }

    /// The items a `choices=` value spells, refusing anything `choices` would not have written.
    public static func items(choices: String) throws(CanonicalBallotError) -> [BallotItem] {
        try items(choices: ArraySlice(choices.utf8))
    }

    /// Reads canonical text, refusing anything `text` would not have written byte for byte.
    ///
    /// Each part is read by a parser that accepts one spelling only (escapes, base64url, the time), so a
    /// text that passes is the canonical text of the ballot it describes.
    public static func parse(_ text: String) throws(CanonicalBallotError) -> CanonicalBallot {
        let bytes = Array(text.utf8)
        // Lines end at the LF byte itself: as Characters, "\r\n" is one grapheme and would hide a CRLF. Found in
        // place rather than split into an array: this runs for every submission.
        var ends = (0, 0, 0, 0, bytes.endIndex)
        var newlines = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            switch newlines {
            case 0: ends.0 = index
            case 1: ends.1 = index
            case 2: ends.2 = index
            case 3: ends.3 = index
            case 4: ends.4 = index
            default: break
            }
            newlines += 1
        }
        guard newlines == 4 || newlines == 5 else {
            throw bytes.last == UInt8(ascii: "\n") ? .trailingNewline : .lineCount(newlines + 1)
        }
        guard bytes.last != UInt8(ascii: "\n") else { throw .trailingNewline }
        guard matches(bytes[..<ends.0], headerText) else { throw .header }
        guard let form = PercentEncoding.decode(try value(of: bytes[(ends.0 + 1)..<ends.1], key: "form", line: 2)), !form.isEmpty else { throw .form }
        let choices = try value(of: bytes[(ends.1 + 1)..<ends.2], key: "choices", line: 3)
        let items = try items(choices: choices)
        guard let nonce = Base64URL.decode(try value(of: bytes[(ends.2 + 1)..<ends.3], key: "nonce", line: 4)), nonce.count == nonceLength else { throw .nonce }
        guard let issued = UTCSecond.parse(try value(of: bytes[(ends.3 + 1)..<ends.4], key: "issued", line: 5)) else { throw .issued }
        var credential: [UInt8]?
        if newlines == 5 {
            guard let bytes = Base64URL.decode(try value(of: bytes[(ends.4 + 1)...], key: "credential", line: 6)),
                  bytes.count > Self.credentialPrefixLength else { throw .credential }
            credential = bytes
        }
        return CanonicalBallot(form: form, sortedItems: items, choices: String(decoding: choices, as: UTF8.self), nonce: nonce, issued: issued,
                               credential: credential)
    }

    private static func items(choices: ArraySlice<UInt8>) throws(CanonicalBallotError) -> [BallotItem] {
        var items: [BallotItem] = []
        guard !choices.isEmpty else { return items }
        items.reserveCapacity(choices.reduce(1) { $1 == UInt8(ascii: ",") ? $0 + 1 : $0 })
        var remaining = choices
        while true {
            let end = remaining.firstIndex(of: UInt8(ascii: ",")) ?? remaining.endIndex
            let encoded = remaining[..<end]
            guard let item = BallotItem(encodedBytes: encoded) else { throw .item(String(decoding: encoded, as: UTF8.self)) }
            if let last = items.last {
                if last == item { throw .duplicateItem(item.encoded) }
                guard BallotItem.precedes(last, item) else { throw .unsorted(item.encoded) }
            }
            items.append(item)
            guard end < remaining.endIndex else { return items }
            remaining = remaining[(end + 1)...]
        }
    }

    private init(form: String, sortedItems: [BallotItem], choices: String, nonce: [UInt8], issued: Date, credential: [UInt8]?) {
        self.form = form
        self.items = sortedItems
        self.choices = choices
        self.nonce = nonce
        self.issued = issued
        self.credential = credential
    }

    // Keys as static strings: compared with their bytes in place, where a `String`'s UTF-8 view is generic and slow.
    private static func value(of line: ArraySlice<UInt8>, key: StaticString, line number: Int) throws(CanonicalBallotError) -> ArraySlice<UInt8> {
        let length = key.utf8CodeUnitCount
        guard line.count > length, matches(line.prefix(length), key), line[line.startIndex + length] == UInt8(ascii: "=") else {
            throw .missingKey(key.description, line: number)
        }
        return line.dropFirst(length + 1)
    }

    private static func matches(_ bytes: ArraySlice<UInt8>, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { bytes.elementsEqual($0) }
    }
}

/// Why a text is not a canonical ballot.
public enum CanonicalBallotError: Error, Equatable, CustomStringConvertible {
    case lineCount(Int)
    case trailingNewline
    case header
    case missingKey(String, line: Int)
    case form
    case item(String)
    case duplicateItem(String)
    case unsorted(String)
    case nonce
    case issued
    case credential

    public var description: String {
        switch self {
        case .lineCount(let count): return "a ballot has 5 lines joined by \\n (6 with a credential), this one has \(count)"
        case .trailingNewline: return "a ballot ends without a newline"
        case .header: return "the first line must be `\(CanonicalBallot.header)`"
        case .missingKey(let key, let line): return "line \(line) must start with `\(key)=`"
        case .form: return "`form=` must be a non-empty, percent-encoded form id"
        case .item: return "a choice is empty or not percent-encoded (uppercase hex, only A-Z a-z 0-9 - _ . ~ unescaped)"
        case .duplicateItem: return "a choice appears twice"
        case .unsorted: return "choices must be sorted by their UTF-8 bytes"
        case .nonce: return "`nonce=` must be 16 bytes in unpadded base64url"
        case .issued: return "`issued=` must be an ISO 8601 UTC time to the second, e.g. 2026-11-26T15:00:00Z"
        case .credential: return "`credential=` must be unpadded base64url of 32 random bytes and the issuer's signature"
        }
    }
}
