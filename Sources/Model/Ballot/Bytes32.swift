/// 32 bytes (a public key, a receipt, a digest) as four words: hashed, compared and kept without an allocation, so
/// that a million of them fit where a million strings would not. Ordered as their bytes are, so as their hex is.
public struct Bytes32: Hashable, Comparable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// Nil unless `bytes` holds exactly 32. Concrete, not generic: a generic init is not specialised across the
    /// module boundary, and its runtime metadata lookups cost verify a tenth of its time.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        func word(_ start: Int) -> UInt64 { bytes[start..<start + 8].reduce(0) { $0 << 8 | UInt64($1) } }
        words = (word(0), word(8), word(16), word(24))
    }

    /// The bytes of 64 lowercase hex digits (`Hex`), nil for any other text. On the string's contiguous bytes, a
    /// word at a time: the count reads a million receipts so.
    public init?(hex: String) {
        var hex = hex
        guard let words = hex.withUTF8({ Self.words(hex: $0) }) else { return nil }
        self.words = words
    }

    private static func words(hex: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64)? {
        guard hex.count == 64 else { return nil }
        func word(_ start: Int) -> UInt64? {
            var word: UInt64 = 0
            for symbol in hex[start..<start + 16] {
                switch symbol {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): word = word << 4 | UInt64(symbol - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): word = word << 4 | UInt64(symbol - UInt8(ascii: "a") + 10)
                default: return nil
                }
            }
            return word
        }
        guard let first = word(0), let second = word(16), let third = word(32), let fourth = word(48) else { return nil }
        return (first, second, third, fourth)
    }

    /// Exactly 32 bytes in memory, without an array in between: the log makes a hash of each node so, and `tally` a
    /// million receipts from the stored count input.
    public init(unsafeBytes raw: UnsafeRawBufferPointer) {
        precondition(raw.count == 32)
        func word(_ start: Int) -> UInt64 { UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)) }
        words = (word(0), word(8), word(16), word(24))
    }

    /// The bytes, lent without an array: the log hashes two of them for each node, `verify` stores a million.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var bigEndian = (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)
        return try Swift.withUnsafeBytes(of: &bigEndian, body)
    }

    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The first two bytes as a number: where a sorted list's index by prefix starts looking.
    public var prefix16: Int { Int(words.0 >> 48) }

    /// Lowercase hex, as `Hex` spells it: written straight from the words, since every answer of the collector's
    /// log spells a few dozen of them.
    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { out in
            writeHex(into: UnsafeMutableRawBufferPointer(out))
            return 64
        }
    }

    /// The 64 hex digits into `out`, which holds at least 64 bytes.
    public func writeHex(into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count >= 64)
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { digit in
            func spell(_ word: UInt64, at start: Int) {
                for nibble in 0..<16 { out[start + nibble] = digit[Int(truncatingIfNeeded: word >> UInt64(60 - nibble * 4)) & 0xF] }
            }
            spell(words.0, at: 0)
            spell(words.1, at: 16)
            spell(words.2, at: 32)
            spell(words.3, at: 48)
        }
    }

    public static func == (a: Bytes32, b: Bytes32) -> Bool { a.words == b.words }

    public static func < (a: Bytes32, b: Bytes32) -> Bool { a.words < b.words }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
