import Foundation
import Model
import NIOCore

/// The collector's signed tree heads: one signature per new durable size, however many answers show it, so the log
/// costs one Ed25519 signature per committed batch rather than one per ballot (docs/LOG.md).
final class LogHeads: @unchecked Sendable {
    private let log: ReceiptLog
    private let key: LogKey
    private let collectorID: String
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    // Guarded by `lock`: the latest head and its canonical JSON.
    private var latest: (head: SignedTreeHead, json: String)?

    init(log: ReceiptLog, key: LogKey, collectorID: String, now: @escaping @Sendable () -> Date) {
        self.log = log
        self.key = key
        self.collectorID = collectorID
        self.now = now
    }

    var publicKeyText: String { key.publicKeyText }

    /// The head of every durable leaf, signed when the log has grown since the last one (nil only when the
    /// collector id cannot be written in a head, which `serve` refuses at start).
    func current() -> (head: SignedTreeHead, json: String)? {
        let size = log.durableSize
        return lock.withLock {
            if let latest, latest.head.head.treeSize >= size { return latest }
            let milliseconds = UInt64(max(0, (now().timeIntervalSince1970 * 1000).rounded(.down)))
            guard let root = log.root(size: size),
                  let head = TreeHead(treeSize: size, rootHash: root, timestampMilliseconds: milliseconds, collectorID: collectorID),
                  let signed = try? SignedTreeHead(head: head, signingKey: key.privateKey),
                  let json = try? CanonicalJSON.compact(signed) else { return latest }
            latest = (signed, String(decoding: json, as: UTF8.self))
            return latest
        }
    }

    /// What an answer about a stored receipt carries: its entry, the current head and the path from one to the other.
    func proof(of entry: LogEntry) -> LogProof? {
        guard let (head, json) = current(), let inclusion = log.inclusionProof(index: entry.index, size: head.head.treeSize) else { return nil }
        return LogProof(entry: entry, headJSON: json, path: inclusion.path)
    }
}

/// The `log` member of an acceptance or receipt answer (docs/LOG.md): `{"entry": {...}, "inclusion_path": [...],
/// "tree_head": {...}}`, keys sorted, written by hand on the submission path, where an encoder's cost shows.
struct LogProof: Sendable {
    let entry: LogEntry
    let headJSON: String
    let path: [Bytes32]

    func write(into buffer: inout ByteBuffer) {
        buffer.writeStaticString("{\"entry\":{\"collector_id\":")
        FlatJSON.quote(entry.collectorID, into: &buffer)
        buffer.writeStaticString(",\"index\":")
        buffer.writeString(String(entry.index))
        buffer.writeStaticString(",\"received_ms\":")
        buffer.writeString(String(entry.receivedMilliseconds))
        buffer.writeStaticString(",\"receipt\":\"")
        buffer.writeString(entry.receipt.hex)
        buffer.writeStaticString("\"},\"inclusion_path\":[")
        for (position, hash) in path.enumerated() {
            if position > 0 { buffer.writeStaticString(",") }
            buffer.writeStaticString("\"")
            buffer.writeString(hash.hex)
            buffer.writeStaticString("\"")
        }
        buffer.writeStaticString("],\"tree_head\":")
        buffer.writeString(headJSON)
        buffer.writeStaticString("}")
    }
}
