import Crypto

/// The hashes of RFC 9162 §2.1 with SHA-256: the log's leaves, inner nodes and the empty tree.
public enum MerkleHash {
    /// MTH({}), SHA-256 of no bytes: the root a log announces before its first receipt.
    public static let emptyTree = digest(SHA256())

    /// SHA-256(0x00 || leaf); the prefix keeps a leaf from ever passing for an inner node (second preimages).
    public static func leaf(_ bytes: [UInt8]) -> Bytes32 {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: bytes)
        return digest(hasher)
    }

    /// SHA-256(0x01 || left || right).
    public static func node(_ left: Bytes32, _ right: Bytes32) -> Bytes32 {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return digest(hasher)
    }

    /// The largest power of two smaller than `count` (count > 1): where RFC 9162 splits a tree into its two subtrees.
    static func split(_ count: Int) -> Int {
        1 << (Int.bitWidth - 1 - (count - 1).leadingZeroBitCount)
    }

    private static func digest(_ hasher: SHA256) -> Bytes32 {
        hasher.finalize().withUnsafeBytes { Bytes32(unsafeBytes: $0) }
    }
}
