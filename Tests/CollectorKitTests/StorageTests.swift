@testable import CollectorKit
import Foundation
import Model
import VaporCSQLite
import XCTest

final class StorageTests: XCTestCase {
    func record(_ index: Int, form: String = "f") -> SubmissionRecord {
        SubmissionRecord(receipt: String(format: "%064x", index), form: form, ballot: "b\(index)", publicKey: "k", signature: "s",
                         identity: nil, receivedAt: "2026-11-26T15:00:00.000Z", collectorID: "c", clientHash: "h")
    }

    func testTheFileIsWALWithAVersionedSchema() async throws {
        let path = Fixtures.temporaryDatabase()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        _ = try await store.store(record(1))
        let db = TestDatabase(path: path)
        XCTAssertEqual(db.scalar("PRAGMA journal_mode"), "wal")
        XCTAssertEqual(db.scalar("PRAGMA user_version"), String(Schema.version))
        XCTAssertEqual(db.scalar("SELECT value FROM meta WHERE key = 'created_by'"), "collector " + CollectorVersion.current)
        XCTAssertNil(db.scalar("SELECT value FROM meta WHERE key = 'client_salt'"), "the addresses' key is kept out of the file")
        await store.close()
    }

    /// A WAL left with rows in it (a crash, or a failed sync whose pages only memory holds) is copied into the
    /// file and synced before the store serves anything.
    func testOpeningCopiesWhatTheWALHoldsIntoTheFileFirst() async throws {
        let path = Fixtures.temporaryDatabase()
        await (try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))).close()
        let other = try SQLiteConnection(path: path)
        try other.execute("PRAGMA wal_autocheckpoint = 0")
        try other.execute("""
            INSERT INTO submissions (receipt, form_id, ballot, public_key, signature, identity, received_at, collector_id, client_hash)
            VALUES ('\(record(7).receipt)', 'f', 'b', 'k', 's', NULL, '2026-11-26T15:00:00.000Z', 'c', 'h')
            """)
        let wal = path + "-wal"
        XCTAssertGreaterThan(try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int ?? 0, 0)
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int, 0)
        XCTAssertNotNil(try store.entry(receipt: record(7).receipt), "rows found at opening count as stored")
        await store.close()
    }

    /// Texts are bound by their bytes and length: an empty one must stay an empty text, not become NULL.
    func testEmptyAndNonASCIITextsAreStoredAsGiven() async throws {
        let path = Fixtures.temporaryDatabase()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        let row = SubmissionRecord(receipt: String(format: "%064x", 1), form: "f", ballot: "choix=café ☕", publicKey: "k", signature: "s",
                                   identity: "", receivedAt: "2026-11-26T15:00:00.000Z", collectorID: "kiosk-é", clientHash: "h")
        _ = try await store.store(row)
        await store.close()
        let db = TestDatabase(path: path)
        XCTAssertEqual(db.scalar("SELECT collector_id FROM submissions"), "kiosk-é")
        XCTAssertEqual(db.scalar("SELECT identity IS NOT NULL AND identity = '' FROM submissions"), "1")
        XCTAssertEqual(db.scalar("SELECT ballot FROM submissions"), "choix=café ☕")
    }

    /// The writer commits without waiting for the disk; the answer waits for a sync of the WAL begun after that commit.
    func testNoSubmissionIsAcknowledgedBeforeTheWALHoldingItIsSynced() async throws {
        let path = Fixtures.temporaryDatabase()
        let disk = HeldSync()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), disk: StorageDisk(syncWAL: { disk.sync($0) }))
        let syncsAtOpen = disk.calls
        XCTAssertGreaterThanOrEqual(syncsAtOpen, 1, "a new file's schema is synced before anything is taken")
        disk.hold()
        let acknowledged = Flag()
        let storing = Task {
            _ = try await store.store(record(1))
            acknowledged.set()
        }
        try await Task.sleep(for: .milliseconds(300))
        XCTAssertEqual(TestDatabase(path: path).submissionCount, 1, "committed")
        XCTAssertFalse(acknowledged.isSet, "but not answered while the disk has not confirmed it")
        XCTAssertNil(try store.entry(receipt: record(1).receipt), "nor shown to a participant checking the receipt")
        XCTAssertEqual(try store.countsByForm(), [:])
        disk.release()
        try await storing.value
        XCTAssertTrue(acknowledged.isSet)
        XCTAssertNotNil(try store.entry(receipt: record(1).receipt))
        XCTAssertEqual(try store.countsByForm(), ["f": 1])
        XCTAssertGreaterThan(disk.calls, syncsAtOpen)
        await store.close()
    }

    /// While one batch waits for the disk and the next waits for its sync to begin, what arrives is inserted but
    /// committed only once that sync begins, in one batch, and answered only after a sync of its own.
    func testWhatArrivesWhileBatchesWaitForTheDiskIsCommittedTogetherAfterThem() async throws {
        let path = Fixtures.temporaryDatabase()
        let disk = HeldSync()
        let batches = BatchLog()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), disk: StorageDisk(syncWAL: { disk.sync($0) }),
                                        onCommit: { size, _ in batches.add(size) })
        disk.hold()
        let storing = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await store.store(self.record(1)) }
                try await Task.sleep(for: .milliseconds(100))
                group.addTask { _ = try await store.store(self.record(2)) }
                try await Task.sleep(for: .milliseconds(100))
                for index in 3...12 { group.addTask { _ = try await store.store(self.record(index)) } }
                try await group.waitForAll()
            }
        }
        try await Task.sleep(for: .milliseconds(400))
        XCTAssertEqual(TestDatabase(path: path).submissionCount, 2, "one batch in its sync, one committed behind it, the rest not yet committed")
        XCTAssertEqual(batches.sizes, [], "nothing answered while the disk holds")
        disk.release()
        try await storing.value
        XCTAssertEqual(batches.sizes, [1, 1, 10])
        XCTAssertEqual(TestDatabase(path: path).submissionCount, 12)
        await store.close()
    }

    /// An insert that fails abandons the open transaction: each record in it, and each taken with it, is answered
    /// once with the failure and none of them is stored; the writer then goes on.
    func testAFailedInsertFailsItsWholeTransactionAndAnswersEachRecordOnce() async throws {
        let path = Fixtures.temporaryDatabase()
        let disk = HeldSync()
        let reported = BatchLog()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), disk: StorageDisk(syncWAL: { disk.sync($0) }),
                                        onFailure: { count, _ in reported.add(count) })
        try SQLiteConnection(path: path).execute("""
            CREATE TRIGGER refuse BEFORE INSERT ON submissions WHEN NEW.form_id = 'refused'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
            """)
        _ = try await store.store(record(1))
        disk.hold()
        let first = Task { try await store.store(self.record(2)) }
        try await Task.sleep(for: .milliseconds(100))
        let held = [record(3), record(4, form: "refused"), record(5)].map { record in
            Task { () -> Bool in
                do {
                    _ = try await store.store(record)
                    return true
                } catch {
                    XCTAssertTrue("\(error)".contains("refused by the test"), "\(error)")
                    return false
                }
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        disk.release()
        _ = try await first.value
        var stored: [Bool] = []
        for task in held { stored.append(await task.value) }
        // Which of 3 and 5 shared the refused record's transaction depends on when each arrived; what matters is
        // that every answer says what the file holds.
        XCTAssertFalse(stored[1])
        XCTAssertEqual(reported.sizes.reduce(0, +), stored.filter { !$0 }.count, "each refused record reported once")
        for (index, wasStored) in zip([3, 4, 5], stored) {
            XCTAssertEqual(try store.entry(receipt: record(index).receipt) != nil, wasStored, "record \(index): answer and file agree")
        }
        _ = try await store.store(record(6))
        XCTAssertEqual(TestDatabase(path: path).submissionCount, 3 + stored.filter { $0 }.count)
        await store.close()
    }

    /// A sync that fails may have lost what it was to save: that batch and every later one are refused, never acknowledged.
    func testAFailedSyncAcknowledgesNothingFromThenOn() async throws {
        let path = Fixtures.temporaryDatabase()
        let disk = HeldSync()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), disk: StorageDisk(syncWAL: { disk.sync($0) }))
        _ = try await store.store(record(1))
        disk.fail()
        for index in 2...3 {
            do {
                _ = try await store.store(record(index))
                XCTFail("record \(index) was acknowledged after a failed sync")
            } catch let error as StorageFailure {
                XCTAssertEqual(error.reason, .walSync)
                XCTAssertTrue(error.description.contains("restart the collector"), error.description)
            }
        }
        XCTAssertNil(try store.entry(receipt: record(2).receipt))
        await store.close()
        XCTAssertEqual(TestDatabase(path: path).submissionCount, 2, "the batch whose sync failed, and nothing after it")
    }

    func testReopeningKeepsRowsAndAFileFromANewerCollectorIsRefused() async throws {
        let path = Fixtures.temporaryDatabase()
        let first = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        _ = try await first.store(record(1))
        await first.close()
        let second = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        XCTAssertNotNil(try second.entry(receipt: record(1).receipt))
        XCTAssertNotEqual(second.hashAddress("10.0.0.1"), second.hashAddress("10.0.0.2"))
        XCTAssertFalse(second.hashAddress("10.0.0.1").contains("10.0.0.1"))
        await second.close()
        let bump = try SQLiteConnection(path: path)
        try bump.execute("PRAGMA user_version = \(Schema.version + 1)")
        XCTAssertThrowsError(try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))) { error in
            XCTAssertTrue("\(error)".contains("newer collector"), "\(error)")
        }
    }

    func testConcurrentSubmissionsShareCommitsAndDuplicatesAddNoRow() async throws {
        let path = Fixtures.temporaryDatabase()
        let batches = BatchLog()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), onCommit: { size, _ in batches.add(size) })
        let outcomes = try await withThrowingTaskGroup(of: StoreOutcome.self) { group in
            for index in 0..<400 { group.addTask { try await store.store(self.record(index % 300)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(outcomes.count, 400)
        XCTAssertEqual(outcomes.filter(\.duplicate).count, 100)
        XCTAssertEqual(TestDatabase(path: path).submissionCount, 300)
        XCTAssertEqual(batches.sizes.reduce(0, +), 400)
        XCTAssertLessThan(batches.sizes.count, 400, "concurrent submissions are committed together")
        await store.close()
    }

    func testClosingCommitsWhatIsQueuedAndRefusesMore() async throws {
        let path = Fixtures.temporaryDatabase()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        let pending = (0..<50).map { index in Task { try await store.store(self.record(index)) } }
        await Task.yield()
        await store.close()
        var stored = 0
        for task in pending where (try? await task.value) != nil { stored += 1 }
        XCTAssertEqual(TestDatabase(path: path).submissionCount, stored, "every acknowledged record is in the file")
        do {
            _ = try await store.store(record(999))
            XCTFail("a closed store takes no more records")
        } catch {
            XCTAssertTrue(error is StoreClosedError)
        }
    }
}

extension StorageTests {
    func testClosingCopiesCommittedRowsIntoTheMainFile() async throws {
        let path = Fixtures.temporaryDatabase()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        for index in 0..<20 { _ = try await store.store(record(index)) }
        await store.close()
        // The main file alone, without its WAL, already holds every row.
        let copy = Fixtures.temporaryDatabase()
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        XCTAssertEqual(TestDatabase(path: copy).submissionCount, 20)
    }
}

extension StorageTests {
    /// One commit per row, 2 000 of them, would leave a WAL of tens of megabytes without checkpoints.
    func testTheWriterKeepsTheWALSmallUnderSteadyWrites() async throws {
        let path = Fixtures.temporaryDatabase()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), checkpointRows: 100)
        for index in 0..<2000 { _ = try await store.store(record(index)) }
        let wal = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
        XCTAssertLessThan(wal, 3_000_000, "the WAL grew to \(wal) bytes")
        XCTAssertEqual(TestDatabase(path: path).submissionCount, 2000)
        await store.close()
    }

    /// The checkpointer syncs the database file through SQLite's own handle on it (never a descriptor of its own,
    /// whose closing would drop the process's locks); a database with no file has nothing to sync.
    func testTheDatabaseFileIsSyncedThroughSQLitesOwnHandle() throws {
        let path = Fixtures.temporaryDatabase()
        let connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        XCTAssertEqual(connection.syncDatabaseFile(), SQLITE_OK)
        let reader = try SQLiteConnection(path: path)
        try connection.execute("BEGIN IMMEDIATE; INSERT INTO t VALUES (2); COMMIT")
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM t"), "2", "locks and data intact after the sync")
        XCTAssertEqual(try SQLiteConnection(path: ":memory:").syncDatabaseFile(), SQLITE_NOTFOUND)
    }

    /// The store's connections leave the WAL as it is when the last of them closes: SQLite's checkpoint on close
    /// reports to no one, and after a storage failure it could copy lost pages and delete the WAL.
    func testAConnectionThatNeverCheckpointsOnCloseLeavesTheWAL() throws {
        func closeAfterACommit(_ path: String, neverCheckpoint: Bool) throws {
            let connection = try SQLiteConnection(path: path)
            if neverCheckpoint { try connection.neverCheckpointOnClose() }
            _ = try connection.scalar("PRAGMA journal_mode = WAL")
            try connection.execute("PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        }
        let kept = Fixtures.temporaryDatabase()
        try closeAfterACommit(kept, neverCheckpoint: true)
        XCTAssertGreaterThan(try FileManager.default.attributesOfItem(atPath: kept + "-wal")[.size] as? Int ?? 0, 0)
        XCTAssertEqual(TestDatabase(path: kept).scalar("SELECT x FROM t"), "1")
        let checkpointed = Fixtures.temporaryDatabase()
        try closeAfterACommit(checkpointed, neverCheckpoint: false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpointed + "-wal"), "SQLite's default, which the store turns off")
    }
}

/// Numbers a store reports from its threads: batch sizes committed, records refused.
final class BatchLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []

    func add(_ size: Int) { lock.withLock { values.append(size) } }
    var sizes: [Int] { lock.withLock { values } }
}

/// A stand-in for `fdatasync` that a test can hold back or make fail.
private final class HeldSync: @unchecked Sendable {
    private let condition = NSCondition()
    private var held = false
    private var failing = false
    private var count = 0

    var calls: Int { condition.withLock { count } }

    func hold() { condition.withLock { held = true } }

    func release() {
        condition.withLock {
            held = false
            condition.broadcast()
        }
    }

    func fail() { condition.withLock { failing = true } }

    func sync(_ descriptor: Int32) -> Int32 {
        condition.lock()
        defer { condition.unlock() }
        while held { condition.wait() }
        count += 1
        return failing ? -1 : fdatasync(descriptor)
    }
}

/// Set once, read from another task.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
