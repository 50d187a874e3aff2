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
        /// Positions where the source's entry is not the one the target holds, and the file that entry came from: a
        /// rewritten log, or a file that names itself after another collector's log.
        var rewritten: [(log: String, position: Int, heldFrom: String)] = []
        /// Why the source's own rows make no log (a gap in their numbers), if they do not.
        var unlogged: String?

        static func == (a: Outcome, b: Outcome) -> Bool {
            a.added == b.added && a.unlogged == b.unlogged && a.rewritten.map(\.log) == b.rewritten.map(\.log)
                && a.rewritten.map(\.position) == b.rewritten.map(\.position) && a.rewritten.map(\.heldFrom) == b.rewritten.map(\.heldFrom)
        }
    }

    static func run(_ source: CollectorDatabase, merged: Bool, into target: SQLiteConnection) throws -> Outcome {
        let find = try target.prepare("SELECT receipt, received_at, collector_id, source FROM logs WHERE log = ? AND position = ?")
        let insert = try target.prepare("INSERT INTO logs (log, position, receipt, received_at, collector_id, source) VALUES (?, ?, ?, ?, ?, ?)")
        var outcome = Outcome()
        func keep(_ log: String, _ position: Int, _ entry: [String], from file: String) throws {
            try find.bind([log, String(position)])
            defer { find.reset() }
            if try find.step() {
                // Bytes, not Swift's string equality, which takes canonically equivalent spellings for one: the leaf is bytes.
                let held: [[UInt8]?] = [find.text(0), find.text(1), find.text(2)].map { $0.map { Array($0.utf8) } }
                if held != entry.map({ Array($0.utf8) }) {
                    outcome.rewritten.append((log, position, find.text(3) ?? ""))
                }
                return
            }
            _ = try insert.run(binding: [log, String(position)] + entry + [file])
            outcome.added += 1
        }
        if merged {
            guard try source.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'logs'").count == 1 else { return outcome }
            let rows = try source.connection.prepare("SELECT log, position, receipt, received_at, collector_id, source FROM logs ORDER BY log, position")
            var previous: (log: String, position: Int)?
            while try rows.step() {
                let log = rows.text(0) ?? "", position = rows.int(1)
                // A log from 0 without gaps, as every collector file gives: anything else is not a log a file could show.
                guard position == (previous?.log == log ? previous!.position + 1 : 0) else {
                    outcome.unlogged = "its log \(log) has position \(position) after \(previous.map { $0.log == log ? String($0.position) : "none" } ?? "none"); it and the logs after it were not kept"
                    return outcome
                }
                previous = (log, position)
                try keep(log, position, [rows.text(2) ?? "", rows.text(3) ?? "", rows.text(4) ?? ""],
                         from: source.path + " (from " + (rows.text(5) ?? "") + ")")
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
            try keep(name, position, [rows.text(1) ?? "", rows.text(2) ?? "", rows.text(3) ?? ""], from: source.path)
            position += 1
        }
        return outcome
    }
}
