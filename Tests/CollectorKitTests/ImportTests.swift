@testable import CollectorKit
import Foundation
import Model
import XCTest

final class ImportTests: XCTestCase {
    private let form = Fixtures.budget

    private func sources() throws -> (a: String, b: String) {
        let shared = TellerFixtures.record(form, [BallotItem("park-benches")], key: TellerFixtures.key(1), nonce: 1)
        var seenLater = shared
        seenLater.receivedAt = "2026-11-26T15:00:40.000Z"
        seenLater.collectorID = "c2"
        let a = try TellerFixtures.database([shared, TellerFixtures.record(form, [BallotItem("bike-lanes")], key: TellerFixtures.key(2), nonce: 2)])
        let b = try TellerFixtures.database([seenLater, TellerFixtures.record(form, [BallotItem("library-roof")], key: TellerFixtures.key(3), nonce: 3,
                                                                                 collector: "c2")])
        return (a, b)
    }

    func testImportIsIdempotentAndOrderIndependent() throws {
        let (a, b) = try sources()
        let directory = TellerFixtures.temporaryDirectory()
        let ab = directory.appendingPathComponent("ab.sqlite").path
        let ba = directory.appendingPathComponent("ba.sqlite").path
        let first = try DatabaseImport.run(sources: [a, b], into: ab)
        XCTAssertEqual(first.map { [$0.new, $0.duplicate, $0.conflicting] }, [[2, 0, 0], [1, 1, 0]])
        _ = try DatabaseImport.run(sources: [b, a], into: ba)
        XCTAssertEqual(TellerFixtures.dump(ab), TellerFixtures.dump(ba))
        XCTAssertEqual(TellerFixtures.dump(ab).count, 3)
        // The ballot both collectors stored keeps its earliest arrival.
        XCTAssertTrue(TellerFixtures.dump(ab).contains { $0[6] == "2026-11-26T15:00:30.000Z" && $0[7] == "c1" })

        let before = TellerFixtures.dump(ab)
        let again = try DatabaseImport.run(sources: [a, b], into: ab)
        XCTAssertEqual(again.map { [$0.new, $0.duplicate, $0.conflicting] }, [[0, 2, 0], [0, 2, 0]])
        XCTAssertEqual(TellerFixtures.dump(ab), before)
    }

    func testConflictingContentUnderOneReceiptIsKeptAsideTheSameWayInEitherOrder() throws {
        let genuine = TellerFixtures.record(form, [BallotItem("park-benches")], key: TellerFixtures.key(1), nonce: 1)
        var forged = genuine
        forged.ballot = genuine.ballot.replacingOccurrences(of: "park-benches", with: "bike-lanes")
        let a = try TellerFixtures.database([genuine])
        let b = try TellerFixtures.database([forged])
        let directory = TellerFixtures.temporaryDirectory()
        let ab = directory.appendingPathComponent("ab.sqlite").path
        let ba = directory.appendingPathComponent("ba.sqlite").path
        let reports = try DatabaseImport.run(sources: [b, a], into: ab)
        XCTAssertEqual(reports.map(\.conflicting), [0, 1])
        _ = try DatabaseImport.run(sources: [a, b], into: ba)
        for path in [ab, ba] {
            XCTAssertEqual(TellerFixtures.dump(path).map { $0[2] }, [genuine.ballot], "the ballot whose signature verifies stays")
            XCTAssertEqual(TellerFixtures.dump(path, table: "import_conflicts").map { $0[2] }, [forged.ballot])
        }
        _ = try DatabaseImport.run(sources: [a, b], into: ab)
        XCTAssertEqual(TellerFixtures.dump(ab, table: "import_conflicts").count, 1)
    }

    func testFilesThatAreNotCollectorDatabasesAreRefusedByNameAndChangeNothing() throws {
        let (a, _) = try sources()
        let directory = TellerFixtures.temporaryDirectory()
        let target = directory.appendingPathComponent("all.sqlite").path
        _ = try DatabaseImport.run(sources: [a], into: target)
        let before = TellerFixtures.dump(target)

        let text = directory.appendingPathComponent("notes.sqlite")
        try Data("these are not the ballots you are looking for\n".utf8).write(to: text)
        let foreign = directory.appendingPathComponent("other.sqlite").path
        let other = try SQLiteConnection(path: foreign)
        try other.execute("CREATE TABLE things (x TEXT); INSERT INTO things VALUES ('a')")
        let newer = try TellerFixtures.database([])
        try SQLiteConnection(path: newer).execute("PRAGMA user_version = \(Schema.version + 1)")

        let cases: [(String, String)] = [(text.path, "not a SQLite database"), (foreign, "not a collector's"), (newer, "newer collector"),
                                         (directory.appendingPathComponent("missing.sqlite").path, "no such file")]
        for (path, message) in cases {
            XCTAssertThrowsError(try DatabaseImport.run(sources: [a, path], into: target)) { error in
                let text = (error as? TellerError)?.message ?? "\(error)"
                XCTAssertTrue(text.hasPrefix(path + ":") && text.contains(message), text)
            }
            XCTAssertEqual(TellerFixtures.dump(target), before)
        }
        XCTAssertThrowsError(try DatabaseImport.run(sources: [target], into: target))
    }
}
