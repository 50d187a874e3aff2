import Foundation

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
    public var publicKeys: [String] {
        var keys: [String] = []
        Self.keyLines(text) {
            keys.append(String(decoding: $0, as: UTF8.self))
            return true
        }
        return keys
    }

    /// How many keys the roll holds.
    public var count: Int {
        var count = 0
        Self.keyLines(text) { _ in
            count += 1
            return true
        }
        return count
    }

    /// The public keys as bytes, in the file's order, decoded on every core: a million keys took a second on one,
    /// while the other core waited for the roll before the first ballot could be checked.
    public var keys: [Bytes32] {
        var text = text
        return text.withUTF8 { bytes in
            let lines = Lines(bytes)
            let decoded = [Bytes32?](unsafeUninitializedCapacity: lines.count) { buffer, initialized in
                let output = buffer
                lines.inStretches { _, indices in
                    for index in indices { (output.baseAddress! + index).initialize(to: Base64URL.decode(lines[index]).flatMap(Bytes32.init)) }
                }
                initialized = lines.count
            }
            return decoded.compactMap { $0 }
        }
    }

    /// The lines after the first, found once, so that each core can take a stretch of them.
    private struct Lines {
        let bytes: UnsafeBufferPointer<UInt8>
        private let starts: [Int]

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var starts: [Int] = []
            RollFile.keyLines(bytes) { line in
                starts.append(line.startIndex)
                return true
            }
            self.bytes = bytes
            self.starts = starts
        }

        var count: Int { starts.count }

        subscript(index: Int) -> Slice<UnsafeBufferPointer<UInt8>> {
            bytes[starts[index]..<(index + 1 < starts.count ? starts[index + 1] - 1 : bytes.endIndex)]
        }

        /// How many stretches `inStretches` hands out.
        var stretches: Int { min(count, 64) }

        /// Calls `body` with each stretch's number and its lines' indices, on every core.
        func inStretches(_ body: (Int, Range<Int>) -> Void) {
            let stretches = stretches
            DispatchQueue.concurrentPerform(iterations: stretches) { stretch in
                body(stretch, (count * stretch / stretches)..<(count * (stretch + 1) / stretches))
            }
        }
    }

    /// Hands each line after the first to `body`, on the text's own bytes, until `body` says false: a million lines
    /// split into an array, or walked as a `String`'s UTF-8 view, took most of a count's time.
    private static func keyLines(_ text: String, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Bool) {
        var text = text
        text.withUTF8 { keyLines($0, body) }
    }

    private static func keyLines(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Bool) {
        guard var start = bytes.firstIndex(of: UInt8(ascii: "\n")).map({ $0 + 1 }) else { return }
        while true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            guard body(bytes[start..<end]), end < bytes.endIndex else { return }
            start = end + 1
        }
    }

    /// Reads a roll file, refusing anything `text` would not have written, with the line at fault. On bytes, not
    /// characters: a million lines split as characters took seconds.
    public static func parse(_ text: String) throws(RollFileError) -> RollFile {
        var header = text.utf8.prefix { $0 != UInt8(ascii: "\n") }
        guard header.starts(with: (Self.header + " ").utf8) else {
            throw RollFileError(line: 1, "the first line must be `\(Self.header) <roll id>`")
        }
        header = header.dropFirst(Self.header.utf8.count + 1)
        let rollID = String(decoding: header, as: UTF8.self)
        guard isValidID(rollID) else {
            throw RollFileError(line: 1, "the roll id after `\(Self.header) ` must be printable, without spaces, at most 100 bytes, e.g. `city-2026`")
        }
        // Each line checked against the one before it, a stretch of lines on each core: the first failure of the
        // earliest stretch that has one is the file's first.
        var text = text
        let failure = text.withUTF8 { bytes -> RollFileError? in
            let lines = Lines(bytes)
            var failures = [RollFileError?](repeating: nil, count: lines.stretches)
            failures.withUnsafeMutableBufferPointer { buffer in
                let output = buffer
                lines.inStretches { stretch, indices in
                    for index in indices {
                        let key = lines[index]
                        let problem: String?
                        if key.isEmpty {
                            problem = key.endIndex == key.base.endIndex ? "the file must not end with a newline" : "blank line"
                        } else if key.count != 43 || Base64URL.decodedCount(key) != SignedBallot.publicKeyLength {
                            problem = "not a public key: 43 characters of base64url for 32 bytes"
                        } else if index > 0, lines[index - 1].elementsEqual(key) {
                            problem = "this key is listed twice"
                        } else if index > 0, !lines[index - 1].lexicographicallyPrecedes(key) {
                            problem = "keys must be sorted by byte value"
                        } else {
                            problem = nil
                        }
                        if let problem {
                            output[stretch] = RollFileError(line: index + 2, problem)
                            return
                        }
                    }
                }
            }
            return failures.lazy.compactMap { $0 }.first
        }
        if let failure { throw failure }
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
