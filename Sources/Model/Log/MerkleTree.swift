/// An append-only Merkle tree of leaf hashes (RFC 9162 §2.1) that answers the root of any size up to its own.
///
/// Every complete, aligned subtree's hash is kept as the leaves arrive, so an append costs one hash amortised and
/// the root of any earlier size, or a proof, costs O(log² n) hashes at most; it holds about 2n hashes (64 MB for a
/// million leaves). A value: the collector owns one, keeps its leaf hashes in SQLite and rebuilds it with
/// `init(leafHashes:)` when it starts.
public struct MerkleTree: Sendable {
    /// levels[0] holds the leaf hashes; levels[k][i] the hash of the complete subtree over leaves i·2^k ..< (i+1)·2^k.
    private var levels: [[Bytes32]] = [[]]

    public init() {}

    /// The tree of these leaf hashes, in this order, as `append` would have built it.
    public init(leafHashes: [Bytes32]) {
        levels[0].reserveCapacity(leafHashes.count)
        for leafHash in leafHashes { append(leafHash: leafHash) }
    }

    public var size: UInt64 { UInt64(levels[0].count) }

    /// What to persist: the tree is these, in order.
    public var leafHashes: [Bytes32] { levels[0] }

    /// Adds a leaf; its index is the size before the call.
    public mutating func append(leafHash: Bytes32) {
        levels[0].append(leafHash)
        var level = 0
        // Each level whose count just became even has completed a subtree one level up.
        while levels[level].count.isMultiple(of: 2) {
            let count = levels[level].count
            let parent = MerkleHash.node(levels[level][count - 2], levels[level][count - 1])
            if level + 1 == levels.count { levels.append([]) }
            levels[level + 1].append(parent)
            level += 1
        }
    }

    /// MTH of the first `treeSize` leaves; nil when the tree is not that large yet.
    public func rootHash(treeSize: UInt64) -> Bytes32? {
        guard treeSize <= size else { return nil }
        return treeSize == 0 ? MerkleHash.emptyTree : hash(start: 0, count: Int(treeSize))
    }

    /// MTH(D[start ..< start + count]), count > 0. RFC 9162's recursion from the root only reaches ranges whose
    /// start is a multiple of their split, so a power-of-two range is always a kept, aligned subtree.
    func hash(start: Int, count: Int) -> Bytes32 {
        if count & (count - 1) == 0 {
            let level = count.trailingZeroBitCount
            return levels[level][start >> level]
        }
        let split = MerkleHash.split(count)
        return MerkleHash.node(hash(start: start, count: split), hash(start: start + split, count: count - split))
    }
}
