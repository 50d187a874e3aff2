/// The database layout and its migrations: `PRAGMA user_version` is the schema version.
///
/// Migrations only ever add, so a file written by one collector stays readable by every later one; a file
/// from a newer collector is refused rather than misread.
enum Schema {
    static let migrations: [String] = [
        // 1: submissions, one row per receipt, and the file's own facts (creator, address salt).
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
    ]

    static var version: Int { migrations.count }

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
