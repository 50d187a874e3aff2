@testable import CollectorKit
import Foundation
import XCTest

/// The VFS that gathers a transaction's WAL frames into one write: what SQLite reads back, what other
/// connections see and what a crash leaves on disk must be exactly what SQLite wrote.
final class WALBufferTests: XCTestCase {
    private func writer(_ path: String, cachePages: Int = 2000) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, gatherWALWrites: true)
        _ = try connection.scalar("PRAGMA journal_mode = WAL")
        try connection.execute("PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0; PRAGMA cache_size = \(cachePages)")
        try connection.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, key TEXT UNIQUE, value BLOB)")
        return connection
    }

    /// Rows `range`, each with a random-looking key (so each lands on a different index page) and `size` bytes.
    private func insert(_ connection: SQLiteConnection, _ range: Range<Int>, size: Int = 100) throws {
        try connection.execute("""
            WITH RECURSIVE ids(id) AS (SELECT \(range.lowerBound) UNION ALL SELECT id + 1 FROM ids WHERE id < \(range.upperBound - 1))
            INSERT INTO t (id, key, value) SELECT id, hex(randomblob(16)), zeroblob(\(size)) FROM ids
            """)
    }

    /// The database and WAL files as a crash would leave them, opened elsewhere without the shared-memory index:
    /// SQLite rebuilds it from the WAL file alone, so only frames that reached the file count.
    private func copyAsAfterACrash(_ path: String) throws -> TestDatabase {
        let copy = Fixtures.temporaryDatabase()
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        return TestDatabase(path: copy)
    }

    func testEachCommitReachesTheWALFileInOneWrite() throws {
        let path = Fixtures.temporaryDatabase()
        let connection = try writer(path)
        try insert(connection, 0..<10)
        let before = try XCTUnwrap(connection.walWrites)
        for batch in 1...20 {
            try insert(connection, (batch * 10)..<(batch * 10 + 10))
        }
        let after = try XCTUnwrap(connection.walWrites)
        XCTAssertEqual(after.file - before.file, 20, "one write per commit")
        XCTAssertGreaterThanOrEqual(after.sqlite - before.sqlite, 20 * 2 * 2, "SQLite wrote a header and a page per frame, a table and an index page or more a commit")
        let crashed = try copyAsAfterACrash(path)
        XCTAssertEqual(crashed.scalar("PRAGMA integrity_check"), "ok")
        XCTAssertEqual(crashed.scalar("SELECT COUNT(*) FROM t"), "210")
    }

    func testAnotherConnectionSeesEachCommitAtOnce() throws {
        let path = Fixtures.temporaryDatabase()
        let connection = try writer(path)
        let reader = TestDatabase(path: path)
        for batch in 0..<5 {
            try insert(connection, (batch * 50)..<(batch * 50 + 50))
            XCTAssertEqual(reader.scalar("SELECT COUNT(*) FROM t"), String(batch * 50 + 50))
        }
    }

    /// A transaction larger than the page cache writes frames before its commit, and SQLite then writes some of
    /// them again in place and reads them back to recompute their checksums; a commit of more than the default
    /// VFS's largest single write (128 KiB) is written in pieces.
    func testATransactionLargerThanTheCacheKeepsEveryPage() throws {
        let path = Fixtures.temporaryDatabase()
        let connection = try writer(path, cachePages: 10)
        try insert(connection, 0..<100)
        try connection.execute("BEGIN")
        try insert(connection, 100..<3000, size: 300)
        try connection.execute("UPDATE t SET value = zeroblob(310) WHERE id % 7 = 0")
        try insert(connection, 3000..<3100, size: 300)
        try connection.execute("COMMIT")
        XCTAssertEqual(TestDatabase(path: path).scalar("SELECT COUNT(*) || ' ' || SUM(length(value)) FROM t"), expected())
        let crashed = try copyAsAfterACrash(path)
        XCTAssertEqual(crashed.scalar("PRAGMA integrity_check"), "ok")
        XCTAssertEqual(crashed.scalar("SELECT COUNT(*) || ' ' || SUM(length(value)) FROM t"), expected())

        func expected() -> String {
            let lengths = (0..<3100).map { id in id % 7 == 0 && id < 3000 ? 310 : id < 100 ? 100 : 300 }
            return "3100 \(lengths.reduce(0, +))"
        }
    }

    /// Once a checkpoint has copied every frame, the next commit starts the WAL over from its beginning (a new
    /// header, frames written over the old ones): what follows must still reach the file whole.
    func testTheWALStartingOverKeepsEveryCommit() throws {
        let path = Fixtures.temporaryDatabase()
        let connection = try writer(path)
        for round in 0..<3 {
            for batch in 0..<10 {
                let first = round * 1000 + batch * 20
                try insert(connection, first..<(first + 20))
            }
            try connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        }
        try insert(connection, 5000..<5005)
        let crashed = try copyAsAfterACrash(path)
        XCTAssertEqual(crashed.scalar("PRAGMA integrity_check"), "ok")
        XCTAssertEqual(crashed.scalar("SELECT COUNT(*) FROM t"), "605")
        // The WAL header's checkpoint sequence number (bytes 12-15) counts the times the log started over.
        let header = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "-wal")).prefix(16))
        XCTAssertEqual(header[12...].reduce(0) { $0 << 8 | Int($1) }, 3, "the WAL started over after each of the three checkpoints")
    }

    func testAConnectionOpenedWithoutTheVFSHasNoCounts() throws {
        let path = Fixtures.temporaryDatabase()
        XCTAssertNil(try SQLiteConnection(path: path).walWrites)
    }
}
