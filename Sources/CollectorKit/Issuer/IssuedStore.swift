import Foundation
import NIOConcurrencyHelpers
import VaporCSQLite

/// The issuer's database: which subject digests were issued a credential, per roll, and nothing else.
///
/// No time column and no row id: the table is ordered by digest, so the file does not keep the order in which
/// people came, which the collector's arrival order could otherwise be matched against.
public final class IssuedStore: Sendable {
    /// What one issuance came to.
    public enum Outcome<Signature: Sendable>: Sendable {
        case issued(Signature)
        case alreadyIssued
    }

    private struct Connection: @unchecked Sendable {
        let sqlite: SQLiteConnection
    }

    private let connection: NIOLockedValueBox<Connection>

    static let schema = "CREATE TABLE IF NOT EXISTS issued (roll TEXT NOT NULL, subject_digest TEXT NOT NULL, "
        + "PRIMARY KEY (roll, subject_digest)) WITHOUT ROWID"

    /// Opens the database at `path`, creating it and its table when missing; WAL, and synced at every commit.
    public init(path: String) throws {
        let sqlite = try SQLiteConnection(path: path)
        guard try sqlite.scalar("PRAGMA journal_mode = WAL")?.lowercased() == "wal" else {
            throw SQLiteError(code: SQLITE_ERROR, message: "cannot use a write-ahead log for \(path)")
        }
        // An issuance answered and then lost in a power cut would let the same person have a second credential.
        try sqlite.execute("PRAGMA synchronous = FULL")
        // A collector's file named by mistake would otherwise take the issuer's table beside its ballots.
        if let other = try sqlite.scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'issued' LIMIT 1") {
            throw SQLiteError(code: SQLITE_ERROR, message: "not an issuer's database (it holds the table \(other)); name a file of its own")
        }
        try sqlite.execute(Self.schema)
        connection = NIOLockedValueBox(Connection(sqlite: sqlite))
    }

    /// Whether `digest` was already issued a credential for `roll`.
    public func isIssued(roll: String, digest: String) throws -> Bool {
        try connection.withLockedValue { connection in
            let statement = try connection.sqlite.prepare("SELECT 1 FROM issued WHERE roll = ? AND subject_digest = ?")
            try statement.bind([roll, digest])
            return try statement.step()
        }
    }

    /// Records `digest` for `roll` and runs `sign` in one transaction: committed only once `sign` has answered, and
    /// nothing recorded when it throws. A digest already recorded is `alreadyIssued`, and `sign` is not run.
    public func issue<Signature: Sendable>(roll: String, digest: String, sign: () throws -> Signature) throws -> Outcome<Signature> {
        try connection.withLockedValue { connection in
            let sqlite = connection.sqlite
            try sqlite.execute("BEGIN IMMEDIATE")
            do {
                let insert = try sqlite.prepare("INSERT OR IGNORE INTO issued (roll, subject_digest) VALUES (?, ?)")
                try insert.bind([roll, digest])
                _ = try insert.step()
                guard sqlite.changes == 1 else {
                    try sqlite.execute("ROLLBACK")
                    return .alreadyIssued
                }
                let signature = try sign()
                try sqlite.execute("COMMIT")
                return .issued(signature)
            } catch {
                try? sqlite.execute("ROLLBACK")
                throw error
            }
        }
    }
}
