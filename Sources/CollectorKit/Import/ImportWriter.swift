import Model

/// The statements `import` runs against the target, prepared once per source file.
struct ImportWriter {
    private let connection: SQLiteConnection
    private let select: SQLiteStatement
    private let selectSightings: SQLiteStatement
    private let insertSighting: SQLiteStatement
    private let findConflict: SQLiteStatement
    private let insertReject: SQLiteStatement
    private let inserts: [String: SQLiteStatement]

    init(_ connection: SQLiteConnection) throws {
        self.connection = connection
        let columns = CollectorDatabase.selectColumns
        select = try connection.prepare("SELECT \(columns) FROM submissions WHERE receipt = ?")
        selectSightings = try connection.prepare("SELECT received_at, collector_id, client_hash, identity, source FROM sightings WHERE receipt = ?")
        insertSighting = try connection.prepare("""
            INSERT OR IGNORE INTO sightings (receipt, received_at, collector_id, client_hash, identity, source) VALUES (?, ?, ?, ?, ?, ?)
            """)
        findConflict = try connection.prepare("""
            SELECT count(*) FROM import_conflicts WHERE receipt = ? AND form_id = ? AND ballot = ? AND public_key = ? AND signature = ?
            AND identity IS ? AND received_at = ? AND collector_id = ? AND client_hash = ?
            """)
        insertReject = try connection.prepare("INSERT OR IGNORE INTO import_rejects (source, reason, \(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        var inserts: [String: SQLiteStatement] = [:]
        for table in ["submissions", "import_conflicts"] {
            inserts[table] = try connection.prepare("INSERT INTO \(table) (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        }
        self.inserts = inserts
    }

    func stored(_ receipt: String) throws -> SubmissionRecord? {
        try select.bind([receipt])
        defer { select.reset() }
        return try select.step() ? CollectorDatabase.record(select) : nil
    }

    func insert(_ record: SubmissionRecord, into table: String) throws {
        let insert = inserts[table]!
        try insert.bind(Self.values(record))
        _ = try insert.step()
        insert.reset()
    }

    /// The sightings kept for `receipt`.
    func sightings(_ receipt: String) throws -> [Sighting] {
        try selectSightings.bind([receipt])
        defer { selectSightings.reset() }
        var result: [Sighting] = []
        while try selectSightings.step() { result.append(CollectorDatabase.sighting(selectSightings)) }
        return result
    }

    /// Keeps a sighting of the submission under `receipt`; false when it was kept already.
    func add(_ sighting: Sighting, to receipt: String) throws -> Bool {
        try insertSighting.bind([receipt, sighting.receivedAt, sighting.collectorID, sighting.clientHash, sighting.identity ?? "", sighting.source])
        defer { insertSighting.reset() }
        _ = try insertSighting.step()
        return connection.changes > 0
    }

    /// Gives the row under `receipt` the provenance of its first sighting, so the row is the same in any import order.
    func showFirstSighting(_ receipt: String) throws {
        guard let first = try sightings(receipt).min(by: Sighting.precedes) else { return }
        let update = try connection.prepare("UPDATE submissions SET received_at = ?, collector_id = ?, client_hash = ?, identity = ? WHERE receipt = ?")
        try update.bind([first.receivedAt, first.collectorID, first.clientHash, first.identity, receipt])
        _ = try update.step()
    }

    /// Puts `record` in place of the submission under its receipt; the displaced content and each of its sightings
    /// go to `import_conflicts`.
    func replace(_ existing: SubmissionRecord, with record: SubmissionRecord) throws {
        for sighting in try sightings(existing.receipt) { try keepConflict(sighting.applied(to: existing)) }
        let delete = try connection.prepare("DELETE FROM submissions WHERE receipt = ?")
        try delete.bind([existing.receipt])
        _ = try delete.step()
        let forget = try connection.prepare("DELETE FROM sightings WHERE receipt = ?")
        try forget.bind([existing.receipt])
        _ = try forget.step()
        try insert(record, into: "submissions")
    }

    /// Keeps a content that lost its receipt to another, once per content and sighting.
    func keepConflict(_ record: SubmissionRecord) throws {
        try findConflict.bind(Self.values(record))
        defer { findConflict.reset() }
        guard try findConflict.step(), findConflict.int(0) == 0 else { return }
        try insert(record, into: "import_conflicts")
    }

    /// Sets aside a row that is not what it claims, with the file it came from and why; once per file and row.
    func reject(_ record: SubmissionRecord, source: String, reason: String) throws {
        var values = Self.values(record)
        values[5] = values[5] ?? ""
        try insertReject.bind([source, reason] + values)
        defer { insertReject.reset() }
        _ = try insertReject.step()
    }

    func dropVerdicts() throws {
        try connection.execute("DELETE FROM verdicts; DELETE FROM meta WHERE key = 'verdicts_fingerprint'")
    }

    private static func values(_ record: SubmissionRecord) -> [String?] {
        [record.receipt, record.form, record.ballot, record.publicKey, record.signature, record.identity, record.receivedAt,
         record.collectorID, record.clientHash]
    }
}
