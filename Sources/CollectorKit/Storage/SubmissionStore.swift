import Foundation
import Model
import NIOCore

/// A collector's SQLite file: WAL, one group-committing writer whose batches are answered once synced, one reader.
public final class SubmissionStore: Sendable {
    private let addressKey: AddressKey
    private let writer: GroupCommitWriter
    private let reader: SubmissionReader
    private let latch = StorageLatch()
    private let addressHashes = AddressHashes()
    private let path: String
    /// Every stored receipt, in the order stored, as a Merkle tree (docs/LOG.md).
    let log: ReceiptLog

    /// Opens (creating and migrating if needed) the database at `path`, whose client addresses are hashed under
    /// `addressKey`; the WAL is copied into it every `checkpointRows` rows. `onFailure`: how many records could not be stored, and why (they are answered so).
    /// `logPublicKey`: the key that signs this file's log's heads, kept in `meta` so that `import` names the log by it.
    public convenience init(path: String, addressKey: AddressKey, logPublicKey: String? = nil, maxBatch: Int = 512, checkpointRows: Int = 10_000,
                            onFailure: @escaping @Sendable (Int, any Error) -> Void = { _, _ in },
                            onCommit: @escaping @Sendable (Int, Double) -> Void = { _, _ in }) throws {
        try self.init(path: path, addressKey: addressKey, logPublicKey: logPublicKey, maxBatch: maxBatch, checkpointRows: checkpointRows,
                      disk: StorageDisk(), onFailure: onFailure, onCommit: onCommit)
    }

    /// `disk`: the calls whose results decide what is durable, replaceable in tests.
    init(path: String, addressKey: AddressKey, logPublicKey: String? = nil, maxBatch: Int = 512, checkpointRows: Int = 10_000,
         disk: StorageDisk, onFailure: @escaping @Sendable (Int, any Error) -> Void = { _, _ in },
         onCommit: @escaping @Sendable (Int, Double) -> Void = { _, _ in }) throws {
        let connection = try SQLiteConnection(path: path, gatherWALWrites: true)
        // Only the checkpoints the store asks for, each result read (`StorageLatch`).
        try connection.neverCheckpointOnClose()
        guard try connection.scalar("PRAGMA journal_mode = WAL")?.lowercased() == "wal" else {
            throw SQLiteError(code: 0, message: "\(path): cannot switch to WAL journal mode")
        }
        // FULL's guarantee, kept by `WALSync`: no answer before the WAL holding its row is synced. SQLite's own
        // syncs (around checkpoints, when the WAL starts over) are NORMAL's, which keep the file consistent.
        try connection.execute("PRAGMA synchronous = NORMAL")
        // The writer checkpoints after answering a batch, never inside a commit that requests wait on.
        try connection.execute("PRAGMA wal_autocheckpoint = 0")
        try Schema.migrate(connection, metadata: ["created_by": "collector " + CollectorVersion.current])
        if let logPublicKey {
            // One log, one key: heads signed by another key would make the earlier ones look like another collector's.
            if let signedBy = try connection.scalar("SELECT value FROM meta WHERE key = 'log_public_key'"), signedBy != logPublicKey {
                throw SQLiteError(code: 0, message: "\(path): its receipt log is signed by key \(signedBy), not \(logPublicKey); serve it with "
                                  + "the --log-key file that made its heads, or store into a new file (a new log) if that key is lost")
            }
            let record = try connection.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('log_public_key', ?)")
            try record.bind([logPublicKey])
            _ = try record.step()
        }
        self.addressKey = addressKey
        self.path = path
        // Everything the WAL holds is copied into the file and synced before anything is served: after a failed sync
        // and a restart without a reboot, the WAL's pages may be in memory but not on disk, and a row read from there
        // must not be confirmed to anyone.
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let durable = DurableRows(upTo: Int64(try connection.scalar("SELECT COALESCE(MAX(rowid), 0) FROM submissions") ?? "0") ?? 0)
        log = ReceiptLog(tree: try Self.logTree(connection, path: path), durable: durable)
        reader = try SubmissionReader(path: path, durable: durable)
        writer = try GroupCommitWriter(connection: connection, maxBatch: maxBatch, checkpointRows: checkpointRows, durable: durable,
                                       latch: latch, disk: disk, log: log, onCommit: onCommit, onFailure: onFailure)
    }

    /// The log's tree of the rows stored so far, leaf `i` the row with rowid `i + 1`.
    private static func logTree(_ connection: SQLiteConnection, path: String) throws -> MerkleTree {
        let rows = try connection.prepare("SELECT rowid, receipt, received_at, collector_id, public_key, ballot FROM submissions ORDER BY rowid")
        var tree = MerkleTree()
        while try rows.step() {
            let rowID = Int64(rows.int(0))
            guard rowID == Int64(tree.size) + 1,
                  let entry = LogRow.entry(rowID: rowID, receipt: rows.text(1) ?? "", publicKey: rows.text(4) ?? "", ballot: rows.text(5) ?? "",
                                           receivedAt: rows.text(2) ?? "", collectorID: rows.text(3) ?? "")
            else {
                throw SQLiteError(code: 0, message: "\(path): row \(rowID) is not one a collector writes (a gap in the row numbers, or a receipt, "
                                  + "time or collector id of another form), so its receipt log cannot be rebuilt; serve a file that `collector serve` made")
            }
            tree.append(leafHash: entry.leafHash)
        }
        return tree
    }

    /// Signs the head of every durable entry and keeps it in the file's `heads` (docs/LOG.md). `serve` calls it when it
    /// starts and when it stops, so a file holds its collector's signed word for its whole log even after a crash;
    /// with nothing logged, or once the disk has failed, it keeps nothing.
    public func keepHead(signedBy key: LogKey, collectorID: String, at date: Date) throws {
        guard latch.failure == nil else { return }
        let size = log.durableSize
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        guard size > 0, let root = log.root(size: size),
              let head = TreeHead(treeSize: size, rootHash: root, timestampMilliseconds: milliseconds, collectorID: collectorID) else { return }
        let signed = try SignedTreeHead(head: head, signingKey: key.privateKey)
        let connection = try SQLiteConnection(path: path)
        _ = try connection.prepare("INSERT OR IGNORE INTO heads (tree_size, timestamp_ms, root_hash, collector_id, signature) VALUES (?, ?, ?, ?, ?)")
            .run(binding: [String(size), String(milliseconds), root.hex, collectorID, Base64URL.encode(signed.signature)])
    }

    /// Stores `record` once per receipt; returns after the commit is durable.
    public func store(_ record: SubmissionRecord) async throws -> StoreOutcome {
        try await writer.store(record)
    }

    /// Calls `completion` on `loop` once `record` is durable.
    func store(_ record: SubmissionRecord, on loop: any EventLoop, completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void) {
        writer.store(record, on: loop, completion: completion)
    }

    /// The log entry of the submission with this receipt (when and by whom it was stored, where in the log), or nil
    /// if it is not stored.
    func entry(receipt: String) throws -> (storedAt: String, entry: LogEntry)? {
        try reader.entry(receipt: receipt)
    }

    /// Stored submissions per form id.
    public func countsByForm() throws -> [String: Int] {
        try reader.countsByForm()
    }

    /// Counts a participant beginning `form`'s ballot at `date` (per hour; written with the next commit).
    public func countStart(form: String, collectorID: String, at date: Date) {
        writer.countStart(StartKey(collectorID: collectorID, form: form, hour: String(UTCSecond.format(date).prefix(13))))
    }

    public var queueDepth: Int { writer.queueDepth }

    /// Why the disk failed, once it has: from then on nothing is acknowledged until a restart.
    public var failure: StorageFailure? { latch.failure }

    /// The keyed hash stored in place of a client's address.
    public func hashAddress(_ address: String) -> String {
        addressHashes.hash(address, compute: addressKey.hash)
    }

    /// Stops taking records and returns when everything queued is committed.
    public func close() async {
        await writer.close()
    }
}

/// Recent addresses and their hashes: a busy client sends many submissions, and hashing each costs more than a lookup.
private final class AddressHashes: @unchecked Sendable {
    private static let capacity = 10_000
    private let lock = NSLock()
    // Guarded by `lock`.
    private var hashes: [String: String] = [:]

    func hash(_ address: String, compute: (String) -> String) -> String {
        if let known = lock.withLock({ hashes[address] }) { return known }
        let hash = compute(address)
        lock.withLock {
            if hashes.count >= Self.capacity { hashes.removeAll(keepingCapacity: true) }
            hashes[address] = hash
        }
        return hash
    }
}
