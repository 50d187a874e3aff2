import Crypto
import Foundation
import Model
import NIOCore

/// The collector's signed tree heads: one signature per new durable size, however many answers show it, so the log
/// costs one Ed25519 signature per committed batch rather than one per ballot (docs/LOG.md).
final class LogHeads: @unchecked Sendable {
    private let log: ReceiptLog
    // Made once: a key made from its seed for each head cost a scalar multiplication more per batch.
    private let signingKey: Curve25519.Signing.PrivateKey
    private let collectorID: String
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    // Guarded by `lock`: the latest head and its canonical JSON.
    private var latest: (head: SignedTreeHead, json: String)?

    init(log: ReceiptLog, key: LogKey, collectorID: String, now: @escaping @Sendable () -> Date) {
        self.log = log
        signingKey = key.privateKey
        publicKeyText = key.publicKeyText
        self.collectorID = collectorID
        self.now = now
    }

    /// The public key, as `/v1/log/head` shows it; worked out once, a scalar multiplication.
    let publicKeyText: String

    /// The head of every durable leaf, signed when the log has grown since the last one (nil only when the
    /// collector id cannot be written in a head, which `serve` refuses at start).
    func current() -> (head: SignedTreeHead, json: String)? {
        let size = log.durableSize
        return lock.withLock {
            if let latest, latest.head.head.treeSize >= size { return latest }
            let milliseconds = UInt64(max(0, (now().timeIntervalSince1970 * 1000).rounded(.down)))
            guard let root = log.root(size: size),
                  let head = TreeHead(treeSize: size, rootHash: root, timestampMilliseconds: milliseconds, collectorID: collectorID),
                  let signed = try? SignedTreeHead(head: head, signingKey: signingKey) else { return latest }
            latest = (signed, Self.json(signed))
            return latest
        }
    }

    /// The head's JSON (docs/LOG.md), members sorted as canonical JSON sorts them, written by hand once per head.
    static func json(_ signed: SignedTreeHead) -> String {
        "{\"collector_id\":" + CanonicalJSON.quote(signed.head.collectorID) + ",\"root_hash\":\"" + signed.head.rootHash.hex
            + "\",\"signature\":\"" + Base64URL.encode(signed.signature) + "\",\"timestamp_ms\":" + String(signed.head.timestampMilliseconds)
            + ",\"tree_size\":" + String(signed.head.treeSize) + "}"
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
        buffer.writeString(CanonicalJSON.quote(entry.collectorID))
        buffer.writeStaticString(",\"content\":\"")
        Self.writeHex(entry.content, into: &buffer)
        buffer.writeStaticString("\",\"index\":")
        buffer.writeString(String(entry.index))
        buffer.writeStaticString(",\"received_ms\":")
        buffer.writeString(String(entry.receivedMilliseconds))
        buffer.writeStaticString(",\"receipt\":\"")
        Self.writeHex(entry.receipt, into: &buffer)
        buffer.writeStaticString("\"},\"inclusion_path\":[")
        for (position, hash) in path.enumerated() {
            buffer.writeStaticString(position > 0 ? ",\"" : "\"")
            Self.writeHex(hash, into: &buffer)
            buffer.writeStaticString("\"")
        }
        buffer.writeStaticString("],\"tree_head\":")
        buffer.writeString(headJSON)
        buffer.writeStaticString("}")
    }

    private static func writeHex(_ hash: Bytes32, into buffer: inout ByteBuffer) {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 64) { out in
            hash.writeHex(into: out)
            return 64
        }
    }
}
