@testable import CollectorKit
import Foundation
import Model
import XCTest

/// `import` keeps each collector file's receipt log in the order the file stored its rows, and holds two copies of
/// one collector's file to one log.
final class LogImportTests: XCTestCase {
    private let form = Fixtures.petition

    private func records(_ nonces: ClosedRange<UInt8>) -> [SubmissionRecord] {
        nonces.map { TellerFixtures.record(form, [], key: TellerFixtures.key($0), nonce: $0, identity: #"{"email":"p\#($0)@example.org","name":"P"}"#) }
    }

    /// A collector's own file, stored through the collector's store as `serve` stores, its log named by `key`.
    private func collectorFile(_ records: [SubmissionRecord], key: String?) async throws -> String {
        let path = TellerFixtures.temporaryDirectory().appendingPathComponent("kiosk.sqlite").path
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), logPublicKey: key)
        for record in records { _ = try await store.store(record) }
        await store.close()
        return path
    }

    private func logs(_ path: String) -> [[String?]] {
        TestDatabase(path: path).rows("SELECT log, position, receipt, received_at, collector_id FROM logs ORDER BY log, position")
    }

    func testEachFilesRowsAreItsLogInTheOrderStoredAndAMergedFileCarriesThem() async throws {
        let first = records(1...3), second = records(4...5)
        let kiosk = try await collectorFile(first, key: Fixtures.logKey.publicKeyText)
        let legacy = try await collectorFile(second, key: nil)
        let tellers = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
        let reports = try DatabaseImport.run(sources: [kiosk, legacy], into: tellers)
        XCTAssertEqual(reports.map(\.log.added), [3, 2])
        XCTAssertTrue(reports[0].summary.contains("3 log entries"), reports[0].summary)
        let kept = logs(tellers)
        XCTAssertEqual(kept.filter { $0[0] == Fixtures.logKey.publicKeyText }.map { $0[2] }, first.map(\.receipt), "named by its key, in stored order")
        XCTAssertEqual(kept.filter { $0[0] == legacy }.map { $0[2] }, second.map(\.receipt), "a file without a key: named by its path")
        XCTAssertEqual(Set(kept.map { $0[1] }), ["0", "1", "2"])

        let again = TellerFixtures.temporaryDirectory().appendingPathComponent("again.sqlite").path
        XCTAssertEqual(try DatabaseImport.run(sources: [tellers], into: again).map(\.log.added), [5])
        XCTAssertEqual(logs(again), kept, "a merged file's logs go on as they were")
    }

    func testALaterCopyThatRewroteItsLogIsReportedAndTheEarlierEntriesKept() async throws {
        let kiosk = try await collectorFile(records(1...3), key: Fixtures.logKey.publicKeyText)
        let backup = TellerFixtures.temporaryDirectory().appendingPathComponent("backup.sqlite").path
        try FileManager.default.copyItem(atPath: kiosk, toPath: backup)
        // The operator moves the second ballot's arrival after the backup was taken, then more ballots arrive.
        try SQLiteConnection(path: kiosk).execute("UPDATE submissions SET received_at = '2000-01-01T00:00:00.000Z' WHERE rowid = 2")
        let later = try SubmissionStore(path: kiosk, addressKey: Fixtures.addressKey(beside: kiosk), logPublicKey: Fixtures.logKey.publicKeyText)
        for record in records(6...7) { _ = try await later.store(record) }
        await later.close()

        let tellers = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
        let reports = try DatabaseImport.run(sources: [backup, kiosk], into: tellers)
        XCTAssertEqual(reports[1].log.added, 2, "the later copy's new entries extend the log")
        XCTAssertEqual(reports[1].log.rewritten.map(\.position), [1])
        XCTAssertEqual(reports[1].log.rewritten.first?.heldFrom, backup, "the report names the file the kept entry came from")
        XCTAssertTrue(reports[1].summary.contains("ITS LOG WAS REWRITTEN: 1 entries differ from an earlier import of the same log, first at position 1"),
                      reports[1].summary)
        XCTAssertNotEqual(logs(tellers)[1][3], "2000-01-01T00:00:00.000Z", "the entry read first is kept")
    }

    func testAFileThatNamesItselfAfterAnotherCollectorsLogIsNamedInTheReport() async throws {
        let genuine = try await collectorFile(records(1...2), key: Fixtures.logKey.publicKeyText)
        // Imported first, a hostile file claiming the same key takes the log's first positions.
        let hostile = try await collectorFile(records(8...9), key: Fixtures.logKey.publicKeyText)
        let tellers = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
        let reports = try DatabaseImport.run(sources: [hostile, genuine], into: tellers)
        XCTAssertEqual(reports[1].log.rewritten.map(\.heldFrom), [hostile, hostile])
        XCTAssertTrue(reports[1].summary.contains("held from \(hostile)"), reports[1].summary)
    }

    func testAFileWithAGapInItsRowsHasNoLogBeyondIt() async throws {
        let kiosk = try await collectorFile(records(1...3), key: nil)
        try SQLiteConnection(path: kiosk).execute("DELETE FROM submissions WHERE rowid = 2")
        let tellers = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
        let report = try DatabaseImport.run(sources: [kiosk], into: tellers)[0]
        XCTAssertEqual(report.log.added, 1)
        XCTAssertTrue(report.summary.contains("no further log: its row 3 follows row 1"), report.summary)
    }
}
