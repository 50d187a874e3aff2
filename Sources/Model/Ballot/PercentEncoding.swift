/// The percent-encoding of ids and free text inside a canonical ballot: every byte outside `A-Z a-z 0-9 - _ . ~`
/// becomes `%XX` (uppercase hex), so `,` `:` `=` and line breaks can never appear raw in a value.
public enum PercentEncoding {
    public static func encode(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text `encoded` stands for, or nil when it is not exactly what `encode` writes (lowercase hex, an
    /// escaped unreserved byte, a raw reserved byte, a truncated escape, or bytes that are not UTF-8).
    public static func decode(_ encoded: some Collection<UInt8>) -> String? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(encoded.count)
        var seen: UInt8 = 0
        var iterator = encoded.makeIterator()
        while let byte = iterator.next() {
            if isUnreserved(byte) {
                bytes.append(byte)
                continue
            }
            guard byte == UInt8(ascii: "%"), let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            let decoded = high << 4 | low
            if isUnreserved(decoded) { return nil }
            seen |= decoded
            bytes.append(decoded)
        }
        // ASCII needs no validation, and the validating initializer is generic and slow.
        return seen < 0x80 ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    public static func decode(_ encoded: String) -> String? { decode(encoded.utf8) }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
