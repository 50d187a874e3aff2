/// The database layout and its migrations: `PRAGMA user_version` is the schema version.
///
/// Migrations only ever add, so a file written by one collector stays readable by every later one; a file
/// from a newer collector is refused rather than misread. Their text never changes once released: the tellers'
/// commands compare a file's schema with what these statements make, byte for byte (`master(version:)`).
enum Schema {
    static let migrations: [String] = [
        // 1: submissions, one row per receipt, and the file's own facts (its creator; files before schema 4 also an address salt).
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE submissions (
            receipt TEXT NOT NULL UNIQUE,
            form_id TEXT NOT NULL,
            ballot TEXT NOT NULL,
            public_key TEXT NOT NULL,
            signature TEXT NOT NULL,
            identity TEXT,
            received_at TEXT NOT NULL,
            collector_id TEXT NOT NULL,
            client_hash TEXT NOT NULL
        );
        CREATE INDEX submissions_form ON submissions (form_id);
        """,
        // 2: the tellers' tables: verify's verdicts (only ballots that do not simply count), and rows that
        // `import` found under a receipt already taken by different content.
        """
        CREATE TABLE verdicts (receipt TEXT PRIMARY KEY, verdict TEXT NOT NULL, detail TEXT, flags TEXT) WITHOUT ROWID;
        CREATE TABLE import_conflicts (
            receipt TEXT NOT NULL,
            form_id TEXT NOT NULL,
            ballot TEXT NOT NULL,
            public_key TEXT NOT NULL,
            signature TEXT NOT NULL,
            identity TEXT,
            received_at TEXT NOT NULL,
            collector_id TEXT NOT NULL,
            client_hash TEXT NOT NULL
        );
        """,
        // 3: ballot pages opened and begun (a participant's first choice), counted per collector, form and hour, for
        // the reports' completion rate; no key, no address, nothing about who.
        """
        CREATE TABLE starts (
            collector_id TEXT NOT NULL,
            form_id TEXT NOT NULL,
            hour TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (collector_id, form_id, hour)
        ) WITHOUT ROWID;
        """,
        // 4: what `import` keeps beside the one row per receipt. Every sighting of a submission: where, when and from
        // which address hash a collector stored it, with the identity fields it stored (not signed, so each file's
        // own claim; '' for none), and the file that said so (and an index that keeps finding a conflict's earlier copies
        // from scanning the whole table for each row). Rows set aside because they are not what they claim
        // (a receipt that is not the hash of its signature, a form that is not the ballot's), with the file and why.
        """
        CREATE TABLE sightings (
            receipt TEXT NOT NULL,
            received_at TEXT NOT NULL,
            collector_id TEXT NOT NULL,
            client_hash TEXT NOT NULL,
            identity TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (receipt, received_at, collector_id, client_hash, identity, source)
        ) WITHOUT ROWID;
        CREATE TABLE import_rejects (
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            receipt TEXT NOT NULL,
            form_id TEXT NOT NULL,
            ballot TEXT NOT NULL,
            public_key TEXT NOT NULL,
            signature TEXT NOT NULL,
            identity TEXT NOT NULL,
            received_at TEXT NOT NULL,
            collector_id TEXT NOT NULL,
            client_hash TEXT NOT NULL,
            PRIMARY KEY (source, receipt, form_id, ballot, public_key, signature, identity, received_at, collector_id, client_hash)
        ) WITHOUT ROWID;
        CREATE INDEX import_conflicts_receipt ON import_conflicts (receipt);
        """,
        // 5: each collector file's receipt log (docs/LOG.md) as `import` read it: the file's rows in the order it
        // stored them, under the log's name (its public key, or the file's path when it has none), so that two
        // copies of one collector's file are held to one log and a bundle can publish every collector's log; with
        // the file each entry was first read from, since a log's name is the file's own claim.
        """
        CREATE TABLE logs (
            log TEXT NOT NULL,
            position INTEGER NOT NULL,
            receipt TEXT NOT NULL,
            received_at TEXT NOT NULL,
            collector_id TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (log, position)
        ) WITHOUT ROWID;
        """,
        // 6: signed tree heads (docs/LOG.md). `heads`: those of the file's own log that `serve` kept, one at every
        // start and stop, so that a file carries its collector's signed word for its whole log. `log_heads`: those
        // `import` read from each collector file and checked, under the log's name, with the file they came from.
        // Each kept log entry's content hash, which leaves hold from this version on. An index by form and key, so
        // the collector can tell a participant that a ballot replaces their earlier one (`StoreOutcome.replaces`).
        """
        ALTER TABLE logs ADD COLUMN content TEXT NOT NULL DEFAULT '';
        CREATE INDEX submissions_key ON submissions (form_id, public_key);
        CREATE TABLE heads (
            tree_size INTEGER NOT NULL,
            timestamp_ms INTEGER NOT NULL,
            root_hash TEXT NOT NULL,
            collector_id TEXT NOT NULL,
            signature TEXT NOT NULL,
            PRIMARY KEY (tree_size, timestamp_ms, signature)
        ) WITHOUT ROWID;
        CREATE TABLE log_heads (
            log TEXT NOT NULL,
            tree_size INTEGER NOT NULL,
            timestamp_ms INTEGER NOT NULL,
            root_hash TEXT NOT NULL,
            collector_id TEXT NOT NULL,
            signature TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (log, tree_size, timestamp_ms, signature)
        ) WITHOUT ROWID;
        """,
        // 7: what `tally` counts, as `verify` found it (`CountInputBytes`), in parts under the cap on one value of an
        // untrusted file; read back only under the verdicts' fingerprint and `meta.count_input_digest`.
        """
        CREATE TABLE count_input (part INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
        """,
    ]

    static var version: Int { migrations.count }

    /// What `sqlite_master` holds in a file at `version` (type, name, table, SQL; sorted), made by running the
    /// migrations on an empty database: a file whose schema differs in anything was not written by a collector.
    static func master(version: Int) throws -> [[String?]] {
        let scratch = try SQLiteConnection(path: ":memory:")
        for step in 0..<version { try scratch.execute(migrations[step]) }
        return try masterRows(scratch)
    }

    static func masterRows(_ connection: SQLiteConnection) throws -> [[String?]] {
        let statement = try connection.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
        var rows: [[String?]] = []
        while try statement.step() { rows.append((0..<4).map { statement.text(Int32($0)) }) }
        return rows
    }

    /// Brings the file at `connection` to the current version, in one transaction per step.
    static func migrate(_ connection: SQLiteConnection, metadata: [String: String]) throws {
        let current = Int(try connection.scalar("PRAGMA user_version") ?? "0") ?? 0
        guard current <= version else {
            throw SQLiteError(code: 0, message: "this database has schema version \(current), written by a newer collector; this one reads up to \(version)")
        }
        for step in current..<version {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                try connection.execute(migrations[step])
                if step == 0 {
                    let insert = try connection.prepare("INSERT INTO meta (key, value) VALUES (?, ?)")
                    for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
                        try insert.bind([key, value])
                        _ = try insert.step()
                    }
                }
                try connection.execute("PRAGMA user_version = \(step + 1)")
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }
}
