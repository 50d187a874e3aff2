import VaporCSQLite
import Foundation
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
            connection = try SQLiteConnection(path: path, readOnly: true)
        } catch {
            throw TellerError("\(path): cannot open it (\(error)); check the path and its permissions")
        }
        let database = CollectorDatabase(path: path, connection: connection)
        try database.checkSchema()
        return database
    }

    /// Opens (creating if missing) a collector file to write the tellers' tables into, bringing it to the current schema.
    static func openForWriting(_ path: String, createdBy: String) throws -> CollectorDatabase {
        let exists = FileManager.default.fileExists(atPath: path)
        let connection: SQLiteConnection
        do {
            connection = try SQLiteConnection(path: path)
        } catch {
            throw TellerError("\(path): cannot open or create it (\(error)); check the folder exists and is writable")
        }
        let database = CollectorDatabase(path: path, connection: connection)
        if exists { try database.checkSchema() }
        do {
            try connection.execute("PRAGMA synchronous = FULL")
            var salt = SystemRandomNumberGenerator()
            try Schema.migrate(connection, metadata: ["created_by": createdBy,
                                                      "client_salt": Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &salt) })])
        } catch {
            throw TellerError("\(path): cannot bring it to schema version \(Schema.version): \(error)")
        }
        return database
    }

    /// Refuses a file that is not SQLite, has no collector schema, or comes from a newer collector.
    private func checkSchema() throws {
        let version: Int
        do {
            version = Int(try connection.scalar("PRAGMA user_version") ?? "0") ?? 0
            _ = try connection.scalar("SELECT count(*) FROM sqlite_master")
        } catch let error as SQLiteError where error.code == SQLITE_NOTADB {
            throw TellerError("\(path): not a SQLite database, so not a collector's file; pass the .sqlite file `collector serve --db` wrote")
        } catch {
            throw TellerError("\(path): cannot read it: \(error)")
        }
        guard version <= Schema.version else {
            throw TellerError("\(path): schema version \(version) was written by a newer collector (this one reads up to \(Schema.version)); use a newer collector")
        }
        let present = Set(try rows("PRAGMA table_info(submissions)").compactMap { $0[1] })
        guard version >= 1, Self.columns.allSatisfy(present.contains) else {
            throw TellerError("\(path): a SQLite database, but not a collector's (no `submissions` table of schema version 1 or later); pass the file `collector serve --db` wrote")
        }
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

    /// The ballots-begun counts (schema 3; none in older files).
    func starts() throws -> [(collectorID: String, form: String, hour: String, count: Int)] {
        guard try rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'starts'").count == 1 else { return [] }
        return try rows("SELECT collector_id, form_id, hour, count FROM starts ORDER BY collector_id, form_id, hour").map {
            (collectorID: $0[0] ?? "", form: $0[1] ?? "", hour: $0[2] ?? "", count: Int($0[3] ?? "") ?? 0)
        }
    }

    static var selectColumns: String { columns.joined(separator: ", ") }

    /// The row at the statement's cursor, its columns in `selectColumns` order.
    static func record(_ statement: SQLiteStatement, from offset: Int32 = 0) -> SubmissionRecord {
        SubmissionRecord(receipt: statement.text(offset) ?? "", form: statement.text(offset + 1) ?? "", ballot: statement.text(offset + 2) ?? "",
                         publicKey: statement.text(offset + 3) ?? "", signature: statement.text(offset + 4) ?? "", identity: statement.text(offset + 5),
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
