import VaporCSQLite
import Foundation

/// Reads a collector database the way a teller's tool would: a separate connection, plain SQL.
struct TestDatabase {
    let path: String

    func rows(_ sql: String) -> [[String?]] {
        var db: OpaquePointer?
        guard sqlite_nio_sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { return [] }
        defer { sqlite_nio_sqlite3_close(db) }
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { return [] }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        var rows: [[String?]] = []
        while sqlite_nio_sqlite3_step(statement) == SQLITE_ROW {
            rows.append((0..<sqlite_nio_sqlite3_column_count(statement)).map { column in
                sqlite_nio_sqlite3_column_text(statement, column).map { String(cString: $0) }
            })
        }
        return rows
    }

    func scalar(_ sql: String) -> String? { rows(sql).first?.first ?? nil }

    var submissionCount: Int { Int(scalar("SELECT COUNT(*) FROM submissions") ?? "") ?? -1 }
}
