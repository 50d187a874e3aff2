import Foundation

/// What `import` keeps of a source's receipt logs (docs/LOG.md): a collector file's rows in the order it stored
/// them, under the log's name, or the logs a merged file kept. Two copies of one collector's file (a backup and the
/// file at closing) are held to one log: where they disagree at a position, the collector rewrote its log, and the
/// first entry read stays while the import says so.
enum LogImport {
    /// What reading one source's logs found.
    struct Outcome: Equatable {
        /// Entries the target did not have.
        var added = 0
        /// Positions where the source's entry is not the one the target holds: a rewritten log.
        var rewritten: [(log: String, position: Int)] = []
        /// Why the source's own rows make no log (a gap in their numbers), if they do not.
        var unlogged: String?

        static func == (a: Outcome, b: Outcome) -> Bool {
            a.added == b.added && a.unlogged == b.unlogged && a.rewritten.map(\.log) == b.rewritten.map(\.log)
                && a.rewritten.map(\.position) == b.rewritten.map(\.position)
        }
    }

    static func run(_ source: CollectorDatabase, merged: Bool, into target: SQLiteConnection) throws -> Outcome {
        let find = try target.prepare("SELECT receipt, received_at, collector_id FROM logs WHERE log = ? AND position = ?")
        let insert = try target.prepare("INSERT INTO logs (log, position, receipt, received_at, collector_id) VALUES (?, ?, ?, ?, ?)")
        var outcome = Outcome()
        func keep(_ log: String, _ position: Int, _ entry: [String]) throws {
            try find.bind([log, String(position)])
            defer { find.reset() }
            if try find.step() {
                // Bytes, not Swift's string equality, which takes canonically equivalent spellings for one: the leaf is bytes.
                let held: [[UInt8]?] = [find.text(0), find.text(1), find.text(2)].map { $0.map { Array($0.utf8) } }
                if held != entry.map({ Array($0.utf8) }) {
                    outcome.rewritten.append((log, position))
                }
                return
            }
            _ = try insert.run(binding: [log, String(position)] + entry)
            outcome.added += 1
        }
        if merged {
            guard try source.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'logs'").count == 1 else { return outcome }
            let rows = try source.connection.prepare("SELECT log, position, receipt, received_at, collector_id FROM logs ORDER BY log, position")
            while try rows.step() {
                try keep(rows.text(0) ?? "", rows.int(1), [rows.text(2) ?? "", rows.text(3) ?? "", rows.text(4) ?? ""])
            }
            return outcome
        }
        let name = try source.rows("SELECT value FROM meta WHERE key = 'log_public_key'").first?.first.flatMap { $0 } ?? source.path
        let rows = try source.connection.prepare("SELECT rowid, receipt, received_at, collector_id FROM submissions ORDER BY rowid")
        var position = 0
        while try rows.step() {
            guard rows.int(0) == position + 1 else {
                outcome.unlogged = "its row \(rows.int(0)) follows row \(position): a collector numbers its rows without gaps, so its log ends at \(position)"
                break
            }
            try keep(name, position, [rows.text(1) ?? "", rows.text(2) ?? "", rows.text(3) ?? ""])
            position += 1
        }
        return outcome
    }
}
