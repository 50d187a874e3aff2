/// What the log holds for one accepted ballot: its receipt, when and by which collector it was received, and where.
public struct LogEntry: Equatable, Sendable {
    /// The leaf layout's version, its first byte.
    public static let version: UInt8 = 1

    /// The position in the collector's log, from 0.
    public let index: UInt64
    /// The receipt, SHA-256 of the ballot's signature (`SignedBallot.receipt`).
    public let receipt: Bytes32
    /// Milliseconds since the Unix epoch, UTC.
    public let receivedMilliseconds: UInt64
    public let collectorID: String

    /// Nil when the collector id is empty or its UTF-8 exceeds 65535 bytes, which its two-byte length cannot say.
    public init?(index: UInt64, receipt: Bytes32, receivedMilliseconds: UInt64, collectorID: String) {
        guard LogEncoding.isValidCollectorID(collectorID) else { return nil }
        self.index = index
        self.receipt = receipt
        self.receivedMilliseconds = receivedMilliseconds
        self.collectorID = collectorID
    }

    /// The leaf, docs/LOG.md: version (1 byte), index (8, big-endian), received time in ms (8, big-endian), receipt
    /// (32), collector id length (2, big-endian), collector id (UTF-8). Fixed widths first and one length prefix
    /// last, so no two entries share their bytes.
    public var leafBytes: [UInt8] {
        var bytes: [UInt8] = [Self.version]
        bytes.reserveCapacity(51 + collectorID.utf8.count)
        LogEncoding.append(index, to: &bytes)
        LogEncoding.append(receivedMilliseconds, to: &bytes)
        bytes += receipt.bytes
        LogEncoding.append(collectorID: collectorID, to: &bytes)
        return bytes
    }

    /// What the tree holds for this entry, and what the collector persists.
    public var leafHash: Bytes32 { MerkleHash.leaf(leafBytes) }
}
