/// 32 bytes (a public key, a receipt, a digest) as four words: hashed, compared and kept without an allocation, so
/// that a million of them fit where a million strings would not. Ordered as their bytes are, so as their hex is.
public struct Bytes32: Hashable, Comparable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// Nil unless `bytes` holds exactly 32.
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for (index, byte) in bytes.enumerated() { Self.append(byte, at: index, to: &words) }
        self.words = words
    }

    /// The bytes of 64 lowercase hex digits (`Hex`), nil for any other text.
    public init?(hex: String) {
        guard hex.utf8.count == 64 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var high: UInt8 = 0
        for (index, symbol) in hex.utf8.enumerated() {
            let value: UInt8
            switch symbol {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = symbol - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = symbol - UInt8(ascii: "a") + 10
            default: return nil
            }
            if index % 2 == 0 { high = value } else { Self.append(high << 4 | value, at: index / 2, to: &words) }
        }
        self.words = words
    }

    private static func append(_ byte: UInt8, at index: Int, to words: inout (UInt64, UInt64, UInt64, UInt64)) {
        switch index / 8 {
        case 0: words.0 = words.0 << 8 | UInt64(byte)
        case 1: words.1 = words.1 << 8 | UInt64(byte)
        case 2: words.2 = words.2 << 8 | UInt64(byte)
        default: words.3 = words.3 << 8 | UInt64(byte)
        }
    }

    public var bytes: [UInt8] {
        [words.0, words.1, words.2, words.3].flatMap { word in (0..<8).reversed().map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
    }

    public var hex: String { Hex.encode(bytes) }

    public static func == (a: Bytes32, b: Bytes32) -> Bool { a.words == b.words }

    public static func < (a: Bytes32, b: Bytes32) -> Bool { a.words < b.words }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
