import Crypto

/// What the log holds for one accepted ballot: its receipt and content, when and by which collector it was received,
/// and where.
public struct LogEntry: Equatable, Sendable {
    /// The leaf layout's version, its first byte: 2 since the leaf holds the ballot's content as well as its receipt.
    public static let version: UInt8 = 2

    /// The position in the collector's log, from 0.
    public let index: UInt64
    /// The receipt, SHA-256 of the ballot's signature (`SignedBallot.receipt`).
    public let receipt: Bytes32
    /// SHA-256 of the ballot's public key and text (`content(publicKey:ballot:)`): with the receipt, which pins the
    /// signature, the leaf pins everything a count reads of the ballot.
    public let content: Bytes32
    /// Milliseconds since the Unix epoch, UTC.
    public let receivedMilliseconds: UInt64
    public let collectorID: String

    /// Nil when the collector id is empty or its UTF-8 exceeds 65535 bytes, which its two-byte length cannot say.
    public init?(index: UInt64, receipt: Bytes32, content: Bytes32, receivedMilliseconds: UInt64, collectorID: String) {
        guard LogEncoding.isValidCollectorID(collectorID) else { return nil }
        self.index = index
        self.receipt = receipt
        self.content = content
        self.receivedMilliseconds = receivedMilliseconds
        self.collectorID = collectorID
    }

    /// The leaf, docs/LOG.md: version (1 byte), index (8, big-endian), received time in ms (8, big-endian), receipt
    /// (32), content (32), collector id length (2, big-endian), collector id (UTF-8). Fixed widths first and one
    /// length prefix last, so no two entries share their bytes.
    public var leafBytes: [UInt8] {
        var bytes: [UInt8] = [Self.version]
        bytes.reserveCapacity(83 + collectorID.utf8.count)
        LogEncoding.append(index, to: &bytes)
        LogEncoding.append(receivedMilliseconds, to: &bytes)
        bytes += receipt.bytes
        bytes += content.bytes
        LogEncoding.append(collectorID: collectorID, to: &bytes)
        return bytes
    }

    /// SHA-256 of the public key's text, a line feed, and the ballot's canonical text (UTF-8, as stored): the key has
    /// no line feed, so the line feed ends it.
    public static func content(publicKey: String, ballot: String) -> Bytes32 {
        var hasher = SHA256()
        hasher.update(data: Array(publicKey.utf8))
        hasher.update(data: [0x0A])
        hasher.update(data: Array(ballot.utf8))
        return Bytes32(Array(hasher.finalize()))!
    }

    /// What the tree holds for this entry, and what the collector persists.
    public var leafHash: Bytes32 { MerkleHash.leaf(leafBytes) }
}
