/// 32 bytes (a public key, a receipt, a digest) as four words: hashed, compared and kept without an allocation, so
/// that a million of them fit where a million strings would not. Ordered as their bytes are, so as their hex is.
public struct Bytes32: Hashable, Comparable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// Nil unless `bytes` holds exactly 32.
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var words = [UInt64](repeating: 0, count: 4)
        for (index, byte) in bytes.enumerated() { words[index / 8] = words[index / 8] << 8 | UInt64(byte) }
        self.words = (words[0], words[1], words[2], words[3])
    }

    /// The bytes of 64 hex digits (`Hex`), nil for any other text.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex) else { return nil }
        self.init(bytes)
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
