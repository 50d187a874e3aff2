@testable import CollectorKit
import Foundation
import HummingbirdTesting
import XCTest

/// `--db` may be a symbolic link. SQLite resolves it and writes its WAL beside the link's target, so that WAL, and
/// no file named after the link, is the one synced before an answer: a stale `<link>-wal` once took its place, and
/// rows a power cut could erase were acknowledged.
final class SymlinkedDatabaseTests: XCTestCase {
    private func record(_ index: Int) -> SubmissionRecord {
        SubmissionRecord(receipt: String(format: "%064x", index), form: "f", ballot: "b\(index)", publicKey: "k", signature: "s",
                         identity: nil, receivedAt: "2026-11-26T15:00:00.000Z", collectorID: "c", clientHash: "h")
    }

    /// A database file, and a link to it in another folder.
    private func linkedDatabase() throws -> (target: String, link: String) {
        let target = Fixtures.temporaryDatabase()
        let link = Fixtures.temporaryDatabase()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        return (target, link)
    }

    /// The database and its WAL as they are on disk, opened elsewhere without the shared-memory index.
    private func copyAsAfterACrash(_ path: String) throws -> TestDatabase {
        let copy = Fixtures.temporaryDatabase()
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        return TestDatabase(path: copy)
    }

    func testASymlinkedDatabaseIsSyncedBesideItsTarget() async throws {
        try await assertSyncedBesideTheTarget(staleWALBesideTheLink: false)
    }

    func testAStaleWALBesideTheLinkIsNeitherSyncedNorTouched() async throws {
        try await assertSyncedBesideTheTarget(staleWALBesideTheLink: true)
    }

    private func assertSyncedBesideTheTarget(staleWALBesideTheLink stale: Bool, file: StaticString = #filePath, line: UInt = #line) async throws {
        let (target, link) = try linkedDatabase()
        let staleBytes = Data(repeating: 0x5A, count: 4096)
        if stale { try staleBytes.write(to: URL(fileURLWithPath: link + "-wal")) }
        let synced = SyncedFiles()
        let store = try SubmissionStore(path: link, addressKey: Fixtures.addressKey(beside: link), disk: StorageDisk(syncWAL: { synced.sync($0) }))
        for index in 0..<5 { _ = try await store.store(record(index)) }

        let wal = try XCTUnwrap(FileIdentity(path: target + "-wal"), "SQLite writes its WAL beside the target", file: file, line: line)
        XCTAssertEqual(synced.all, [wal], "the target's WAL, and only it, is synced", file: file, line: line)
        XCTAssertEqual(try copyAsAfterACrash(target).submissionCount, 5, "every acknowledged row is in the target's WAL", file: file, line: line)
        if stale {
            XCTAssertEqual(FileManager.default.contents(atPath: link + "-wal"), staleBytes, "the stale file is left as it was", file: file, line: line)
        } else {
            XCTAssertFalse(FileManager.default.fileExists(atPath: link + "-wal"), "nothing is made beside the link", file: file, line: line)
        }
        await store.close()

        let reopened = try SubmissionStore(path: link, addressKey: Fixtures.addressKey(beside: link))
        for index in 0..<5 {
            XCTAssertNotNil(try reopened.entry(receipt: record(index).receipt), "record \(index) after reopening", file: file, line: line)
        }
        await reopened.close()
        XCTAssertEqual(TestDatabase(path: target).submissionCount, 5, file: file, line: line)
    }

    /// SQLite opened its WAL; then something put another file under its name. That file is not synced in its stead.
    func testAWALReplacedAfterSQLiteOpenedItIsRefused() throws {
        let path = Fixtures.temporaryDatabase()
        let connection = try SQLiteConnection(path: path, gatherWALWrites: true)
        _ = try connection.scalar("PRAGMA journal_mode = WAL")
        try connection.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        let honest = try WALSync(connection: connection, latch: StorageLatch(), sync: { fdatasync($0) }, onTurn: {})
        honest.stop()

        try FileManager.default.moveItem(atPath: path + "-wal", toPath: path + "-wal.moved")
        XCTAssertTrue(FileManager.default.createFile(atPath: path + "-wal", contents: Data()))
        XCTAssertThrowsError(try WALSync(connection: connection, latch: StorageLatch(), sync: { fdatasync($0) }, onTurn: {})) { error in
            XCTAssertTrue("\(error)".hasPrefix(path + "-wal: not the WAL SQLite writes"), "\(error)")
        }
    }

    /// The real collector, `--db` a link: what it acknowledges is in the target's files after a SIGKILL.
    func testTheCollectorStoresThroughASymlinkedDatabase() async throws {
        let (target, link) = try linkedDatabase()
        let manifest = try Fixtures.alwaysOpenManifest()
        let collector = try CollectorProcess(arguments: ["--manifest", manifest, "--db", link, "--rate-limit", "0", "--collector-id", "link-test"])
        let client = TestClient(host: "127.0.0.1", port: collector.port, configuration: .init(timeout: .seconds(10)))
        client.connect()
        var acknowledged: [String] = []
        for index in 0..<20 {
            let answer = try await client.post("/v1/submissions", headers: [.contentType: "application/json"], body: Fixtures.distinctBody(index))
            XCTAssertEqual(answer.status, .created)
            if let receipt = Fixtures.object(answer.body)["receipt"] as? String { acknowledged.append(receipt) }
        }
        try await client.shutdown()
        collector.kill(SIGKILL)
        XCTAssertNotNil(collector.wait())

        XCTAssertEqual(acknowledged.count, 20)
        let stored = Set(try copyAsAfterACrash(target).rows("SELECT receipt FROM submissions").compactMap { $0[0] })
        XCTAssertEqual(acknowledged.filter { !stored.contains($0) }, [], "acknowledged but not in the target's files")
        XCTAssertFalse(FileManager.default.fileExists(atPath: link + "-wal"))
    }
}

/// A file's device and inode: which file it is, whatever its name.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}

/// `fdatasync`, noting which file each descriptor it syncs is.
final class SyncedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: Set<FileIdentity> = []

    var all: Set<FileIdentity> { lock.withLock { files } }

    func sync(_ descriptor: Int32) -> Int32 {
        if let file = FileIdentity(descriptor: descriptor) { lock.withLock { _ = files.insert(file) } }
        return fdatasync(descriptor)
    }
}
