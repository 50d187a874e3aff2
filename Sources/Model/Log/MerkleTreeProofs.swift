extension MerkleTree {
    /// The proof that leaf `leafIndex` is in the tree of the first `treeSize` leaves (RFC 9162 §2.1.3.1); nil unless
    /// leafIndex < treeSize ≤ size.
    public func inclusionProof(leafIndex: UInt64, treeSize: UInt64) -> InclusionProof? {
        guard leafIndex < treeSize, treeSize <= size else { return nil }
        return InclusionProof(leafIndex: leafIndex, treeSize: treeSize, path: path(leaf: Int(leafIndex), start: 0, count: Int(treeSize)))
    }

    /// The proof that the tree of `secondSize` leaves extends the tree of `firstSize` (RFC 9162 §2.1.4.1); nil unless
    /// firstSize ≤ secondSize ≤ size. Empty when firstSize is 0 or equals secondSize, which the RFC leaves undefined.
    public func consistencyProof(firstSize: UInt64, secondSize: UInt64) -> ConsistencyProof? {
        guard firstSize <= secondSize, secondSize <= size else { return nil }
        let path = firstSize == 0 || firstSize == secondSize
            ? [] : subproof(first: Int(firstSize), start: 0, count: Int(secondSize), complete: true)
        return ConsistencyProof(firstSize: firstSize, secondSize: secondSize, path: path)
    }

    /// PATH(m, D[start ..< start + count]), with m relative to start.
    private func path(leaf m: Int, start: Int, count: Int) -> [Bytes32] {
        guard count > 1 else { return [] }
        let split = MerkleHash.split(count)
        if m < split {
            return path(leaf: m, start: start, count: split) + [hash(start: start + split, count: count - split)]
        }
        return path(leaf: m - split, start: start + split, count: count - split) + [hash(start: start, count: split)]
    }

    /// SUBPROOF(m, D[start ..< start + count], b); `complete` is b: whether D[0:m] is a whole subtree of the tree.
    private func subproof(first m: Int, start: Int, count: Int, complete: Bool) -> [Bytes32] {
        if m == count { return complete ? [] : [hash(start: start, count: count)] }
        let split = MerkleHash.split(count)
        if m <= split {
            return subproof(first: m, start: start, count: split, complete: complete) + [hash(start: start + split, count: count - split)]
        }
        return subproof(first: m - split, start: start + split, count: count - split, complete: false) + [hash(start: start, count: split)]
    }
}
