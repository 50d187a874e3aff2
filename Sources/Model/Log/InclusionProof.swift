/// The audit path showing one leaf is in a tree of a given size, as the collector answers it.
public struct InclusionProof: Equatable, Sendable {
    public let leafIndex: UInt64
    public let treeSize: UInt64
    /// From the leaf's sibling up to the root's child.
    public let path: [Bytes32]

    public init(leafIndex: UInt64, treeSize: UInt64, path: [Bytes32]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.path = path
    }

    /// Whether `leafHash` is leaf `leafIndex` of the tree of `treeSize` leaves whose root is `rootHash`: RFC 9162
    /// §2.1.3.2 step by step, so that it can be read against the RFC.
    public func verify(leafHash: Bytes32, rootHash: Bytes32) -> Bool {
        // 1.
        guard leafIndex < treeSize else { return false }
        // 2., 3.
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        // 4.
        for p in path {
            // 4a.
            if sn == 0 { return false }
            // 4b.
            if fn & 1 == 1 || fn == sn {
                r = MerkleHash.node(p, r)
                // Until LSB(fn) is set or fn is 0, which also covers "if LSB(fn) is not set".
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = MerkleHash.node(r, p)
            }
            // 4c.
            fn >>= 1
            sn >>= 1
        }
        // 5.
        return sn == 0 && r == rootHash
    }
}
