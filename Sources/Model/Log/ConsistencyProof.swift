/// The hashes showing that a tree of `secondSize` leaves starts with the tree of `firstSize`: the log only appended.
public struct ConsistencyProof: Equatable, Sendable {
    public let firstSize: UInt64
    public let secondSize: UInt64
    public let path: [Bytes32]

    public init(firstSize: UInt64, secondSize: UInt64, path: [Bytes32]) {
        self.firstSize = firstSize
        self.secondSize = secondSize
        self.path = path
    }

    /// Whether `secondRoot`, the root of `secondSize` leaves, extends `firstRoot`, the root of `firstSize`.
    ///
    /// RFC 9162 §2.1.4.2 step by step for 0 < firstSize < secondSize. The RFC defines no proof for the other sizes;
    /// as its generation would, they take an empty path: equal sizes need equal roots, and the empty tree (whose root
    /// is fixed) is the start of every tree.
    public func verify(firstRoot: Bytes32, secondRoot: Bytes32) -> Bool {
        guard firstSize < secondSize else { return firstSize == secondSize && path.isEmpty && firstRoot == secondRoot }
        guard firstSize > 0 else { return path.isEmpty && firstRoot == MerkleHash.emptyTree }
        // 1.
        guard !path.isEmpty else { return false }
        // 2.
        let path = firstSize & (firstSize - 1) == 0 ? [firstRoot] + self.path : self.path
        // 3.
        var fn = firstSize - 1
        var sn = secondSize - 1
        // 4.
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // 5.
        var fr = path[0]
        var sr = path[0]
        // 6.
        for c in path.dropFirst() {
            // 6a.
            if sn == 0 { return false }
            // 6b.
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.node(c, fr)
                sr = MerkleHash.node(c, sr)
                // Until LSB(fn) is set or fn is 0, which also covers "if LSB(fn) is not set".
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = MerkleHash.node(sr, c)
            }
            // 6c.
            fn >>= 1
            sn >>= 1
        }
        // 7.
        return fr == firstRoot && sr == secondRoot && sn == 0
    }
}

extension ConsistencyProof: Codable {
    enum CodingKeys: String, CodingKey {
        case firstSize = "first_size"
        case secondSize = "second_size"
        case path = "consistency_path"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        firstSize = try container.decode(UInt64.self, forKey: .firstSize)
        secondSize = try container.decode(UInt64.self, forKey: .secondSize)
        path = try container.decodeHashes(forKey: .path)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(firstSize, forKey: .firstSize)
        try container.encode(secondSize, forKey: .secondSize)
        try container.encode(path.map(\.hex), forKey: .path)
    }
}
