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
    /// `signedBy`: the key that signs the head `serve` keeps when it stops.
    private func collectorFile(_ records: [SubmissionRecord], key: String?, signedBy signer: LogKey? = nil) async throws -> String {
        let path = TellerFixtures.temporaryDirectory().appendingPathComponent("kiosk.sqlite").path
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), logPublicKey: key)
        for record in records { _ = try await store.store(record) }
        await store.close()
        if let signer { try store.keepHead(signedBy: signer, collectorID: "kiosk", at: Date(timeIntervalSince1970: 1_795_705_200)) }
        return path
    }

    private func importRefusal(_ source: String) throws -> String {
        let tellers = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
        var message = ""
        XCTAssertThrowsError(try DatabaseImport.run(sources: [source], into: tellers)) { message = "\($0)" }
        XCTAssertEqual(TestDatabase(path: tellers).rows("SELECT count(*) FROM submissions"), [["0"]], "nothing of a refused file is kept")
        return message
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

    func testTheHeadAFileKeepsIsCheckedAndCarriedOn() async throws {
        let kiosk = try await collectorFile(records(1...3), key: Fixtures.logKey.publicKeyText, signedBy: Fixtures.logKey)
        let tellers = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
        let report = try DatabaseImport.run(sources: [kiosk], into: tellers)[0]
        XCTAssertEqual([report.log.heads, report.log.unsigned], [1, 0])
        XCTAssertTrue(report.summary.contains("3 log entries, 1 signed heads checked"), report.summary)
        let heads = TestDatabase(path: tellers).rows("SELECT log, tree_size, collector_id, source FROM log_heads")
        XCTAssertEqual(heads, [[Fixtures.logKey.publicKeyText, "3", "kiosk", kiosk]])
        let again = TellerFixtures.temporaryDirectory().appendingPathComponent("again.sqlite").path
        XCTAssertEqual(try DatabaseImport.run(sources: [tellers], into: again).map(\.log.heads), [1], "a merged file's heads are checked again")
        XCTAssertEqual(TestDatabase(path: again).rows("SELECT source FROM log_heads"), [[tellers + " (from " + kiosk + ")"]])
    }

    func testEntriesUnderNoSignedHeadAreReported() async throws {
        let crashed = try await collectorFile(records(1...3), key: Fixtures.logKey.publicKeyText)
        let tellers = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
        let report = try DatabaseImport.run(sources: [crashed], into: tellers)[0]
        XCTAssertEqual(report.log.unsigned, 3)
        XCTAssertTrue(report.summary.contains("3 log entries under no head its collector signed (start and stop `collector serve`"), report.summary)
    }

    /// A field laptop's file whose rows are not the log its collector signed: an arrival moved, a ballot removed, a
    /// head signed by another key than the one the file names its log by. Each refuses the whole file.
    func testAFileWhoseRowsAreNotTheLogItsCollectorSignedIsRefused() async throws {
        let moved = try await collectorFile(records(1...3), key: Fixtures.logKey.publicKeyText, signedBy: Fixtures.logKey)
        try SQLiteConnection(path: moved).execute("UPDATE submissions SET received_at = '2000-01-01T00:00:00.000Z' WHERE rowid = 2")
        let rewritten = try importRefusal(moved)
        XCTAssertTrue(rewritten.contains("its log's signed head of 3 entries does not hold") && rewritten.contains("the log was rewritten")
                      && rewritten.contains("nothing of \(moved) was imported"), rewritten)

        let shortened = try await collectorFile(records(1...3), key: Fixtures.logKey.publicKeyText, signedBy: Fixtures.logKey)
        try SQLiteConnection(path: shortened).execute("DELETE FROM submissions WHERE rowid = 3")
        XCTAssertTrue(try importRefusal(shortened).contains("it covers 3 entries, but the log holds 2"))

        let impostor = LogKey(seed: [UInt8](repeating: 7, count: 32))!
        let claimed = try await collectorFile(records(1...3), key: Fixtures.logKey.publicKeyText, signedBy: impostor)
        XCTAssertTrue(try importRefusal(claimed).contains("its signature is not by the log's key"))
    }
}
