/// A collector's claim that its log had `treeSize` leaves with root `rootHash` at `timestampMilliseconds`.
public struct TreeHead: Equatable, Sendable {
    public let treeSize: UInt64
    public let rootHash: Bytes32
    /// Milliseconds since the Unix epoch, UTC.
    public let timestampMilliseconds: UInt64
    public let collectorID: String

    /// Nil when the collector id is empty or its UTF-8 exceeds 65535 bytes, as for `LogEntry`.
    public init?(treeSize: UInt64, rootHash: Bytes32, timestampMilliseconds: UInt64, collectorID: String) {
        guard LogEncoding.isValidCollectorID(collectorID) else { return nil }
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.timestampMilliseconds = timestampMilliseconds
        self.collectorID = collectorID
    }

    /// docs/LOG.md: tree size (8, big-endian), timestamp in ms (8, big-endian), root hash (32), collector id length
    /// (2, big-endian), collector id (UTF-8).
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50 + collectorID.utf8.count)
        LogEncoding.append(treeSize, to: &bytes)
        LogEncoding.append(timestampMilliseconds, to: &bytes)
        bytes += rootHash.bytes
        LogEncoding.append(collectorID: collectorID, to: &bytes)
        return bytes
    }
}
