import Foundation
import Model

/// The collector's log of accepted receipts (docs/LOG.md): an RFC 9162 Merkle tree whose leaf `i` is the row with
/// rowid `i + 1`, appended by the writer as it inserts, and read only up to the durable rows, so no head or proof
/// ever covers a ballot a power cut could still erase.
final class ReceiptLog: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var tree: MerkleTree
    private let durable: DurableRows

    init(tree: MerkleTree, durable: DurableRows) {
        self.tree = tree
        self.durable = durable
    }

    /// The writer's call for the rows of each transaction it commits, in rowid order.
    func append(_ entries: [LogEntry]) {
        let leaves = entries.map(\.leafHash)
        lock.withLock {
            for leaf in leaves { tree.append(leafHash: leaf) }
        }
    }

    /// How many leaves are durable: what a head may cover.
    var durableSize: UInt64 { UInt64(max(0, durable.upTo)) }

    func root(size: UInt64) -> Bytes32? {
        guard size <= durableSize else { return nil }
        return lock.withLock { tree.rootHash(treeSize: size) }
    }

    /// The proof that leaf `index` is in the tree of `size` leaves; nil unless both are durable.
    func inclusionProof(index: UInt64, size: UInt64) -> InclusionProof? {
        guard size <= durableSize else { return nil }
        return lock.withLock { tree.inclusionProof(leafIndex: index, treeSize: size) }
    }

    func consistencyProof(first: UInt64, second: UInt64) -> ConsistencyProof? {
        guard second <= durableSize else { return nil }
        return lock.withLock { tree.consistencyProof(firstSize: first, secondSize: second) }
    }
}

/// A row's log entry, from what the submissions table holds.
enum LogRow {
    /// The entry of the row with `rowID`, or nil when the row is not what a collector writes (a receipt that is not
    /// 64 hex digits, a time not `YYYY-MM-DDTHH:MM:SS.mmmZ`, an empty collector id).
    static func entry(rowID: Int64, receipt: String, publicKey: String, ballot: String, receivedAt: String, collectorID: String) -> LogEntry? {
        entry(rowID: rowID, receipt: receipt, content: LogEntry.content(publicKey: publicKey, ballot: ballot).hex, receivedAt: receivedAt,
              collectorID: collectorID)
    }

    /// The entry from a content hash already worked out (64 hex digits), as `import` keeps it in `logs`.
    static func entry(rowID: Int64, receipt: String, content: String, receivedAt: String, collectorID: String) -> LogEntry? {
        guard rowID >= 1, let bytes = Bytes32(hex: receipt), let content = Bytes32(hex: content), let milliseconds = milliseconds(receivedAt) else { return nil }
        return LogEntry(index: UInt64(rowID - 1), receipt: bytes, content: content, receivedMilliseconds: milliseconds, collectorID: collectorID)
    }

    /// `received_at` (ISO 8601 UTC with milliseconds, `SubmissionIntake.timestamp`) in milliseconds since 1970, read
    /// from its digits rather than through a floating-point `Date`, so the leaf holds exactly the time the row holds.
    static func milliseconds(_ receivedAt: String) -> UInt64? {
        let bytes = Array(receivedAt.utf8)
        guard bytes.count == 24, bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z"),
              let second = UTCSecond.parse(bytes[0..<19] + [UInt8(ascii: "Z")]),
              bytes[20..<23].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        let seconds = Int64(second.timeIntervalSince1970)
        let fraction = bytes[20..<23].reduce(Int64(0)) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        guard seconds >= 0 else { return nil }
        return UInt64(seconds * 1000 + fraction)
    }
}

extension LogRow {
    /// The signed head a `heads` or `log_heads` row holds (tree size, timestamp, root, collector id, signature), or
    /// nil when the row is not one a collector or `import` writes.
    static func head(_ row: [String?]) -> SignedTreeHead? {
        guard row.count == 5, let size = row[0].flatMap({ UInt64($0) }), let milliseconds = row[1].flatMap({ UInt64($0) }),
              let root = row[2].flatMap({ Bytes32(hex: $0) }), let collectorID = row[3],
              let signature = row[4].flatMap({ Base64URL.decode($0) }), signature.count == 64, Base64URL.encode(signature) == row[4],
              let head = TreeHead(treeSize: size, rootHash: root, timestampMilliseconds: milliseconds, collectorID: collectorID) else { return nil }
        return SignedTreeHead(head: head, signature: signature)
    }

    /// The columns `head(_:)` reads, in its order.
    static let headColumns = "tree_size, timestamp_ms, root_hash, collector_id, signature"
}
