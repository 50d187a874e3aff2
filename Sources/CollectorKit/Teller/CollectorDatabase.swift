import Foundation
import VaporCSQLite
import Model

/// A collector's SQLite file as the tellers' commands open it: checked to be one before anything is read or written.
final class CollectorDatabase {
    let path: String
    let connection: SQLiteConnection

    private static let columns = ["receipt", "form_id", "ballot", "public_key", "signature", "identity", "received_at", "collector_id", "client_hash"]

    private init(path: String, connection: SQLiteConnection) {
        self.path = path
        self.connection = connection
    }

    /// Opens an existing collector file read-only, refusing anything that is not one.
    static func openForReading(_ path: String) throws -> CollectorDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw TellerError("\(path): no such file") }
        let connection: SQLiteConnection
        do {
            connection = try SQLiteConnection(path: path, readOnly: true, untrusted: true)
        } catch {
            throw TellerError("\(path): cannot open it (\(error)); check the path and its permissions")
        }
        let database = CollectorDatabase(path: path, connection: connection)
        try database.checkSchema()
        return database
    }

    /// Opens (creating if missing) a collector file to write the tellers' tables into, bringing it to the current schema.
    /// The file may be a field laptop's, so it is opened as untrusted and its schema checked before anything runs.
    static func openForWriting(_ path: String, createdBy: String) throws -> CollectorDatabase {
        let exists = FileManager.default.fileExists(atPath: path)
        let connection: SQLiteConnection
        do {
            connection = try SQLiteConnection(path: path, untrusted: true)
        } catch {
            throw TellerError("\(path): cannot open or create it (\(error)); check the folder exists and is writable")
        }
        let database = CollectorDatabase(path: path, connection: connection)
        if exists { try database.checkSchema() }
        do {
            try connection.execute("PRAGMA synchronous = FULL")
            try Schema.migrate(connection, metadata: ["created_by": createdBy])
        } catch {
            throw TellerError("\(path): cannot bring it to schema version \(Schema.version): \(error)")
        }
        return database
    }

    /// Refuses a file that is not SQLite, has no collector schema, comes from a newer collector, or whose schema is
    /// anything but exactly what a collector of its version writes (a view, a trigger, an extra index or column).
    private func checkSchema() throws {
        let version: Int
        let present: [[String?]]
        do {
            version = Int(try connection.scalar("PRAGMA user_version") ?? "0") ?? 0
            present = try Schema.masterRows(connection)
        } catch let error as SQLiteError where error.code == SQLITE_NOTADB {
            throw TellerError("\(path): not a SQLite database, so not a collector's file; pass the .sqlite file `collector serve --db` wrote")
        } catch {
            throw TellerError("\(path): cannot read it: \(error)")
        }
        guard version <= Schema.version else {
            throw TellerError("\(path): schema version \(version) was written by a newer collector (this one reads up to \(Schema.version)); use a newer collector")
        }
        guard version >= 1, present.contains(where: { $0[1] == "submissions" }) else {
            throw TellerError("\(path): a SQLite database, but not a collector's (no `submissions` table of schema version 1 or later); pass the file `collector serve --db` wrote")
        }
        let expected: [[String?]]
        do {
            expected = try Schema.master(version: version)
        } catch {
            throw TellerError("\(path): cannot check its schema: \(error)")
        }
        guard present != expected else { return }
        let describe = { (row: [String?]) in "\(row[0] ?? "?") `\(row[1] ?? "?")`" }
        let unexpected = present.first { !expected.contains($0) }.map { "it has a " + describe($0) + " that collector schema \(version) does not" }
        let missing = expected.first { !present.contains($0) }.map { "its " + describe($0) + " is not the one collector schema \(version) writes" }
        throw TellerError("\(path): its schema was changed after a collector wrote it (\(unexpected ?? missing ?? "")); nothing of it is read. "
                          + "Ask the operator of that collector for the file `collector serve --db` wrote")
    }

    /// Every row of `sql`, each column as text.
    func rows(_ sql: String, _ values: [String?] = []) throws -> [[String?]] {
        let statement = try connection.prepare(sql)
        if !values.isEmpty { try statement.bind(values) }
        var result: [[String?]] = []
        let count = sqlite_nio_sqlite3_column_count(statement.handle)
        while try statement.step() { result.append((0..<count).map { statement.text($0) }) }
        return result
    }

    /// Every stored submission, by receipt.
    func submissions() throws -> [SubmissionRecord] {
        let statement = try connection.prepare("SELECT \(Self.columns.joined(separator: ", ")) FROM submissions ORDER BY receipt")
        var records: [SubmissionRecord] = []
        while try statement.step() { records.append(Self.record(statement)) }
        return records
    }

    /// The rows of `table` (`submissions`, or the rows `import` kept aside) in the file's own order, `size` at a time:
    /// each call gives the next chunk, nil after the last (none when the table is absent). A table scan, as a million
    /// rows fetched through the receipt index cost a read per row; callers that need an order sort. With `prefetch`
    /// the next chunk is read meanwhile on a thread of its own, so nothing else may use the connection until the last.
    func chunks(of table: String = "submissions", size: Int = 16_384, prefetch: Bool = true) throws -> () throws -> [SubmissionRecord]? {
        guard try rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).count == 1 else { return { nil } }
        let statement = try connection.prepare("SELECT \(Self.columns.joined(separator: ", ")) FROM \(table)")
        // SQLite runs a finished statement again from the start when stepped once more.
        var finished = false
        let read = { () throws -> [SubmissionRecord]? in
            var chunk: [SubmissionRecord] = []
            chunk.reserveCapacity(size)
            while !finished, chunk.count < size {
                guard try statement.step() else {
                    finished = true
                    break
                }
                chunk.append(Self.record(statement))
            }
            return chunk.isEmpty ? nil : chunk
        }
        return prefetch ? Prefetch(read).next : read
    }

    /// Whether `import` kept sightings in this file (a merged file), so its rows' sightings are read from there.
    func holdsSightings() throws -> Bool {
        guard try rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sightings'").count == 1 else { return false }
        return try connection.scalar("SELECT count(*) FROM (SELECT 1 FROM sightings LIMIT 1)") == "1"
    }

    /// The sightings `import` kept of one receipt.
    func sightings(of receipt: String) throws -> [Sighting] {
        let statement = try connection.prepare("SELECT received_at, collector_id, client_hash, identity, source FROM sightings WHERE receipt = ?")
        try statement.bind([receipt])
        var result: [Sighting] = []
        while try statement.step() { result.append(Self.sighting(statement)) }
        return result
    }

    /// The sighting at the statement's cursor, its columns `received_at, collector_id, client_hash, identity, source`.
    static func sighting(_ statement: SQLiteStatement, from offset: Int32 = 0) -> Sighting {
        let identity = statement.text(offset + 3) ?? ""
        return Sighting(receivedAt: statement.text(offset) ?? "", collectorID: statement.text(offset + 1) ?? "", clientHash: statement.text(offset + 2) ?? "",
                        identity: identity.isEmpty ? nil : identity, source: statement.text(offset + 4) ?? "")
    }

    /// The sightings `import` kept, by receipt, of the receipts seen more than once. A receipt with none is seen once,
    /// by its own row; one with a single sighting has that sighting as its row.
    func sharedSightings() throws -> [String: [Sighting]] {
        guard try rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sightings'").count == 1 else { return [:] }
        let statement = try connection.prepare("""
            SELECT receipt, received_at, collector_id, client_hash, identity, source FROM sightings
            WHERE receipt IN (SELECT receipt FROM sightings GROUP BY receipt HAVING count(*) > 1)
            """)
        var result: [String: [Sighting]] = [:]
        while try statement.step() { result[statement.text(0) ?? "", default: []].append(Self.sighting(statement, from: 1)) }
        return result
    }

    /// The key under which `verify` digests identity fields (`IdentityEvidence`): made once per file and kept in it,
    /// beside the fields themselves, so that publishing twice writes the same bundle.
    func identityDigestKey() throws -> [UInt8] {
        if let hex = try connection.scalar("SELECT value FROM meta WHERE key = 'identity_digest_key'"), let key = Hex.decode(hex), key.count == 32 {
            return key
        }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let insert = try connection.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('identity_digest_key', ?)")
        try insert.bind([Hex.encode(key)])
        _ = try insert.step()
        return key
    }

    /// The ballots-begun counts (schema 3; none in older files).
    func starts() throws -> [(collectorID: String, form: String, hour: String, count: Int)] {
        guard try rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'starts'").count == 1 else { return [] }
        return try rows("SELECT collector_id, form_id, hour, count FROM starts ORDER BY collector_id, form_id, hour").map {
            (collectorID: $0[0] ?? "", form: $0[1] ?? "", hour: $0[2] ?? "", count: Int($0[3] ?? "") ?? 0)
        }
    }

    static var selectColumns: String { columns.joined(separator: ", ") }

    /// The row at the statement's cursor, its columns in `selectColumns` order.
    /// An empty identity is none, as the collector stores none (`import_rejects` and `sightings` write '' for it).
    static func record(_ statement: SQLiteStatement, from offset: Int32 = 0) -> SubmissionRecord {
        let identity = statement.text(offset + 5)
        return SubmissionRecord(receipt: statement.text(offset) ?? "", form: statement.text(offset + 1) ?? "", ballot: statement.text(offset + 2) ?? "",
                         publicKey: statement.text(offset + 3) ?? "", signature: statement.text(offset + 4) ?? "", identity: identity == "" ? nil : identity,
                         receivedAt: statement.text(offset + 6) ?? "", collectorID: statement.text(offset + 7) ?? "",
                         clientHash: statement.text(offset + 8) ?? "")
    }

    /// Runs `body` in one transaction, rolled back whole if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try connection.execute("COMMIT")
            return value
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
