import Model

/// The statements `import` runs against the target, prepared once per source file.
struct ImportWriter {
    private let connection: SQLiteConnection
    private let select: SQLiteStatement
    private let findConflict: SQLiteStatement
    private let inserts: [String: SQLiteStatement]

    init(_ connection: SQLiteConnection) throws {
        self.connection = connection
        select = try connection.prepare("SELECT \(CollectorDatabase.selectColumns) FROM submissions WHERE receipt = ?")
        findConflict = try connection.prepare("SELECT rowid, \(CollectorDatabase.selectColumns) FROM import_conflicts WHERE receipt = ?")
        var inserts: [String: SQLiteStatement] = [:]
        for table in ["submissions", "import_conflicts"] {
            inserts[table] = try connection.prepare("INSERT INTO \(table) (\(CollectorDatabase.selectColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
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

    func updateProvenance(_ record: SubmissionRecord, in table: String, rowid: Int? = nil) throws {
        let key = rowid == nil ? "receipt = ?" : "rowid = ?"
        let update = try connection.prepare("UPDATE \(table) SET received_at = ?, collector_id = ?, client_hash = ? WHERE \(key)")
        try update.bind(ImportOrder.provenance(record) + [rowid.map(String.init) ?? record.receipt])
        _ = try update.step()
    }

    /// Puts `record` in place of `existing` under their common receipt.
    func replace(_ existing: SubmissionRecord, with record: SubmissionRecord) throws {
        let delete = try connection.prepare("DELETE FROM submissions WHERE receipt = ?")
        try delete.bind([existing.receipt])
        _ = try delete.step()
        try insert(record, into: "submissions")
    }

    /// Keeps a content that lost its receipt to another, once per content, with its earliest arrival.
    func keepConflict(_ record: SubmissionRecord) throws {
        try findConflict.bind([record.receipt])
        var match: (rowid: Int, record: SubmissionRecord)?
        while try findConflict.step() {
            let kept = CollectorDatabase.record(findConflict, from: 1)
            if ImportOrder.content(kept) == ImportOrder.content(record) { match = (findConflict.int(0), kept) }
        }
        findConflict.reset()
        guard let match else { return try insert(record, into: "import_conflicts") }
        if ImportOrder.precedes(ImportOrder.provenance(record), ImportOrder.provenance(match.record)) {
            try updateProvenance(record, in: "import_conflicts", rowid: match.rowid)
        }
    }

    func dropVerdicts() throws {
        try connection.execute("DELETE FROM verdicts; DELETE FROM meta WHERE key = 'verdicts_fingerprint'")
    }

    private static func values(_ record: SubmissionRecord) -> [String?] {
        [record.receipt, record.form, record.ballot, record.publicKey, record.signature, record.identity, record.receivedAt,
         record.collectorID, record.clientHash]
    }
}
