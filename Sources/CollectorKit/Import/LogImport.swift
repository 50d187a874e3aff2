import Crypto
import Foundation
import Model
import VaporCSQLite

/// What `import` keeps of a source's receipt logs (docs/LOG.md): a collector file's rows in the order it stored
/// them, under the log's name, or the logs a merged file kept. Two copies of one collector's file (a backup and the
/// file at closing) are held to one log: where they disagree at a position, the collector rewrote its log, and the
/// first entry read stays while the import says so.
enum LogImport {
    /// What reading one source's logs found.
    struct Outcome: Equatable {
        /// Entries the target did not have.
        var added = 0
        /// Positions where the source's entry is not the one the target holds, and the file that entry came from: a
        /// rewritten log, or a file that names itself after another collector's log.
        var rewritten: [(log: String, position: Int, heldFrom: String)] = []
        /// Why the source's own rows make no log (a gap in their numbers), if they do not.
        var unlogged: String?
        /// Signed heads the source carries, each checked against its log.
        var heads = 0
        /// Entries of the source's own log beyond its last signed head, which its collector never signed for.
        var unsigned = 0

        static func == (a: Outcome, b: Outcome) -> Bool {
            a.added == b.added && a.unlogged == b.unlogged && a.heads == b.heads && a.unsigned == b.unsigned && a.rewritten.map(\.log) == b.rewritten.map(\.log)
                && a.rewritten.map(\.position) == b.rewritten.map(\.position) && a.rewritten.map(\.heldFrom) == b.rewritten.map(\.heldFrom)
        }
    }

    static func run(_ source: CollectorDatabase, merged: Bool, into target: SQLiteConnection) throws -> Outcome {
        let find = try target.prepare("SELECT receipt, received_at, collector_id, content, source FROM logs WHERE log = ? AND position = ?")
        let insert = try target.prepare("INSERT INTO logs (log, position, receipt, received_at, collector_id, content, source) VALUES (?, ?, ?, ?, ?, ?, ?)")
        var outcome = Outcome()
        func keep(_ log: String, _ position: Int, _ entry: [String], from file: String) throws {
            try find.bind([log, String(position)])
            defer { find.reset() }
            if try find.step() {
                // Bytes, not Swift's string equality, which takes canonically equivalent spellings for one: the leaf is bytes.
                let held: [[UInt8]?] = [find.text(0), find.text(1), find.text(2), find.text(3)].map { $0.map { Array($0.utf8) } }
                if held != entry.map({ Array($0.utf8) }) {
                    outcome.rewritten.append((log, position, find.text(4) ?? ""))
                }
                return
            }
            _ = try insert.run(binding: [log, String(position)] + entry + [file])
            outcome.added += 1
        }
        if merged {
            // Before schema 6 a merged file's logs held no contents, which every leaf now holds: its collectors' own files do.
            guard try source.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'heads'").count == 1 else {
                if try source.rows("SELECT 1 FROM logs LIMIT 1").count == 1 {
                    outcome.unlogged = "its logs are from before log entries held ballots' contents (schema 5); import the collectors' own files"
                }
                return outcome
            }
            let rows = try source.connection.prepare("SELECT log, position, receipt, received_at, collector_id, content, source FROM logs ORDER BY log, position")
            var previous: (log: String, position: Int)?
            var trees: [String: LogTree] = [:]
            while try rows.step() {
                let log = rows.text(0) ?? "", position = rows.int(1)
                // A log from 0 without gaps, as every collector file gives: anything else is not a log a file could show.
                guard position == (previous?.log == log ? previous!.position + 1 : 0) else {
                    outcome.unlogged = "its log \(log) has position \(position) after \(previous.map { $0.log == log ? String($0.position) : "none" } ?? "none"); it and the logs after it were not kept"
                    return outcome
                }
                previous = (log, position)
                let entry = [rows.text(2) ?? "", rows.text(3) ?? "", rows.text(4) ?? "", rows.text(5) ?? ""]
                trees[log, default: LogTree()].append(entry, position: position)
                try keep(log, position, entry, from: source.path + " (from " + (rows.text(6) ?? "") + ")")
            }
            try keepHeads(of: source, into: target, outcome: &outcome,
                          query: "SELECT log, \(LogRow.headColumns), source FROM log_heads ORDER BY log, tree_size, timestamp_ms, signature") { row in
                (log: row[0] ?? "", head: Array(row[1...5]), from: source.path + " (from " + (row[6] ?? "") + ")", tree: trees[row[0] ?? ""] ?? LogTree())
            }
            return outcome
        }
        let name = try source.rows("SELECT value FROM meta WHERE key = 'log_public_key'").first?.first.flatMap { $0 } ?? source.path
        let rows = try source.connection.prepare("SELECT rowid, receipt, received_at, collector_id, public_key, ballot FROM submissions ORDER BY rowid")
        var position = 0
        var tree = LogTree()
        while try rows.step() {
            guard rows.int(0) == position + 1 else {
                outcome.unlogged = "its row \(rows.int(0)) follows row \(position): a collector numbers its rows without gaps, so its log ends at \(position)"
                break
            }
            let entry = [rows.text(1) ?? "", rows.text(2) ?? "", rows.text(3) ?? "",
                         LogEntry.content(publicKey: rows.text(4) ?? "", ballot: rows.text(5) ?? "").hex]
            tree.append(entry, position: position)
            try keep(name, position, entry, from: source.path)
            position += 1
        }
        var largest: UInt64 = 0
        try keepHeads(of: source, into: target, outcome: &outcome, query: "SELECT \(LogRow.headColumns) FROM heads ORDER BY tree_size, timestamp_ms, signature") { row in
            largest = max(largest, UInt64(row[0] ?? "") ?? 0)
            return (log: name, head: row, from: source.path, tree: tree)
        }
        outcome.unsigned = max(0, position - Int(clamping: largest))
        return outcome
    }

    /// Most heads a file may carry: `serve` keeps two per run, so more is a file made to make the import slow.
    static let headLimit = 100_000

    /// Checks each head a source carries against the log it names, as the source holds that log, and keeps it; a head
    /// that does not hold refuses the whole file (the import is rolled back), since its rows are then not the log
    /// its collector signed. Sources from before heads (schema 5 and earlier) carry none.
    private static func keepHeads(of source: CollectorDatabase, into target: SQLiteConnection, outcome: inout Outcome, query: String,
                                  _ read: ([String?]) -> (log: String, head: [String?], from: String, tree: LogTree)) throws {
        guard try source.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'heads'").count == 1 else { return }
        let insert = try target.prepare("INSERT OR IGNORE INTO log_heads (log, \(LogRow.headColumns), source) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let rows = try source.connection.prepare(query)
        let columns = sqlite_nio_sqlite3_column_count(rows.handle)
        while try rows.step() {
            guard outcome.heads < headLimit else {
                throw TellerError("\(source.path): more than \(headLimit) signed heads, where a collector keeps two a run; nothing of it was imported")
            }
            let (log, row, from, tree) = read((0..<columns).map { rows.text($0) })
            let size = row[0] ?? "?"
            guard let head = LogRow.head(row) else {
                throw TellerError("\(from): its signed head of \(size) entries is not one a collector writes; nothing of \(source.path) was imported")
            }
            guard let key = SignedTreeHead.publicKey(log) else {
                throw TellerError("\(from): it carries a signed head but names its log \(log), not by a log key; nothing of \(source.path) was imported")
            }
            if let problem = tree.problem(of: head, key: key) {
                throw TellerError("\(from): its log's signed head of \(size) entries does not hold: \(problem). The file is not the log its "
                                  + "collector signed (changed since, or the head forged); nothing of \(source.path) was imported: import the collector's own file")
            }
            _ = try insert.run(binding: [log] + row + [from])
            outcome.heads += 1
        }
    }
}

/// A source's log as a Merkle tree, built as its entries are read, up to the first entry that is not one a
/// collector writes (after which no head can hold).
struct LogTree {
    private var tree = MerkleTree()
    private var broken: Int?

    mutating func append(_ entry: [String], position: Int) {
        guard broken == nil else { return }
        guard let logged = LogRow.entry(rowID: Int64(position) + 1, receipt: entry[0], content: entry[3], receivedAt: entry[1], collectorID: entry[2]) else {
            broken = position
            return
        }
        tree.append(leafHash: logged.leafHash)
    }

    func problem(of head: SignedTreeHead, key: Curve25519.Signing.PublicKey) -> String? {
        if let broken, head.head.treeSize > UInt64(broken) { return "its entry at position \(broken) is not one a collector writes" }
        return head.problem(against: tree, publicKey: key)
    }
}
