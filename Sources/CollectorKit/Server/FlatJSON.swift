import NIOCore

/// A strict reader for the one JSON shape the collector accepts: an object whose values are strings, or
/// objects of strings. Hand-written because a generic decoder was the largest cost of a submission.
///
/// It refuses what a generic decoder would let through: duplicate keys, lone surrogates, trailing content, more
/// than `maxMembers` members in an object. Its time is linear in the body: it runs on the event loop, where a
/// quadratic check of 7 721 keys once held every other request for two seconds.
struct FlatJSON {
    /// A submission has five members and a form's identity fields a handful; no honest body comes near.
    static let maxMembers = 64

    enum Value: Equatable {
        case string(String)
        case object([String: String])
    }

    enum Failure: Error, Equatable {
        case syntax
        /// A value of another type than a string or an object of strings, under this key.
        case type(String)
    }

    /// Borrowed for one `parse`: reads need no bounds checks beyond the parser's own and no reference counting.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// The top-level members of `bytes`, in order.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> [(key: String, value: Value)] {
        try bytes.withUnsafeBufferPointer { buffer throws(Failure) in try parse(buffer) }
    }

    /// The top-level members of `bytes`, in order; nothing of `bytes` is kept.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> [(key: String, value: Value)] {
        var reader = FlatJSON(bytes: bytes)
        let members = try reader.object(nested: false)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw .syntax }
        return members
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func object(nested: Bool) throws(Failure) -> [(key: String, value: Value)] {
        skipWhitespace()
        try expect(UInt8(ascii: "{"))
        var members: [(key: String, value: Value)] = []
        // A submission has four or five members: one allocation.
        members.reserveCapacity(nested ? 4 : 5)
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            let key = try string()
            // Bounded by the cap, so the duplicate check stays a few comparisons whatever the body holds.
            guard members.count < Self.maxMembers, !members.contains(where: { $0.key == key }) else { throw .syntax }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: "\""):
                members.append((key, .string(try string())))
            case UInt8(ascii: "{") where !nested:
                let inner: [(key: String, value: Value)]
                do {
                    inner = try object(nested: true)
                } catch .type {
                    throw .type(key)
                }
                var values: [String: String] = [:]
                for member in inner {
                    guard case .string(let value) = member.value else { throw .type(key) }
                    values[member.key] = value
                }
                members.append((key, .object(values)))
            default:
                throw .type(key)
            }
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return members
        }
    }

    private mutating func string() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""))
        // Most strings have no escape: made straight from the input's bytes.
        let start = index
        var seen: UInt8 = 0
        while index < bytes.count, bytes[index] >= 0x20, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            seen |= bytes[index]
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            index += 1
            // ASCII needs no validation, and the validating initializer is generic and slow.
            let text = UnsafeBufferPointer(rebasing: bytes[start..<index - 1])
            if seen < 0x80 { return String(decoding: text, as: UTF8.self) }
            guard let valid = String(validating: text, as: UTF8.self) else { throw .syntax }
            return valid
        }
        // Escapes only shorten the text: what is left of the input bounds it.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count - start)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                seen = out.reduce(0, |)
                if seen < 0x80 { return String(decoding: out, as: UTF8.self) }
                guard let text = String(validating: out, as: UTF8.self) else { throw .syntax }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case 0..<0x20:
                throw .syntax
            default:
                out.append(byte)
            }
        }
        throw .syntax
    }

    private mutating func escape(into out: inout [UInt8]) throws(Failure) {
        guard index < bytes.count else { throw .syntax }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { throw .syntax }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw .syntax }
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw .syntax }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw .syntax
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw .syntax }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .syntax
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard peek == byte else { throw .syntax }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    /// `text` as a JSON string literal, quotes included, written at the end of `buffer`.
    static func quote(_ text: String, into buffer: inout ByteBuffer) {
        if isPlain(text) {
            buffer.writeStaticString("\"")
            buffer.writeString(text)
            buffer.writeStaticString("\"")
        } else {
            buffer.writeString(quote(text))
        }
    }

    /// Printable ASCII that JSON and HTML both take as it is.
    private static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 != 0x3E && $0 != 0x26 }
        }
    }

    /// `text` as a JSON string literal, quotes included.
    static func quote(_ text: String) -> String {
        if isPlain(text) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Also escapes `<`, `>` and `&`, so a JSON answer is inert even if a browser sniffs it as HTML.
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
