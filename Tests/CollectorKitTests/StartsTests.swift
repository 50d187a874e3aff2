@testable import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest

/// Ballots begun: counted per collector, form and hour, merged by import, set against accepted ballots in reports.
final class StartsTests: XCTestCase {
    func testBallotsBegunAreCountedPerHourWithNothingAboutWho() async throws {
        var database: TestDatabase?
        try await withCollector { client, db in
            database = db
            for _ in 0..<3 {
                let begun = try await client.execute(uri: "/v1/starts/" + Fixtures.budget.id, method: .post)
                XCTAssertEqual(begun.status, .noContent)
            }
            let unknown = try await client.execute(uri: "/v1/starts/nope", method: .post)
            XCTAssertEqual(Fixtures.errorCode(unknown.body), "unknown_form")
        }
        // Fixtures.now is 2026-11-26T15:00:00Z.
        XCTAssertEqual(database?.rows("SELECT * FROM starts"), [["test-1", Fixtures.budget.id, "2026-11-26T15", "3"]])
    }

    func testImportKeepsEachCollectorsLatestCountsAndTheReportSetsThemAgainstAcceptedBallots() throws {
        let directory = TellerFixtures.temporaryDirectory()
        let key = TellerFixtures.key(80)
        let ballot = TellerFixtures.record(Fixtures.budget, [BallotItem("park-benches")], key: key, nonce: 1)
        let first = try TellerFixtures.database([ballot], in: directory, name: "a.sqlite")
        let second = try TellerFixtures.database([], in: directory, name: "b.sqlite")
        for (path, collector, count) in [(first, "c1", 4), (second, "c2", 2)] {
            try SQLiteConnection(path: path).execute("INSERT INTO starts VALUES ('\(collector)', '\(Fixtures.budget.id)', '2026-11-26T15', \(count))")
        }
        let merged = directory.appendingPathComponent("all.sqlite").path
        _ = try DatabaseImport.run(sources: [first, second, first], into: merged)
        let starts = try ReportRun.starts(db: merged)
        XCTAssertEqual(starts, [StartCount(form: Fixtures.budget.id, hour: UTCSecond.parse("2026-11-26T15:00:00Z")!, count: 6)],
                       "importing a file twice must not count its starts twice")
        let inputs = try TellerFixtures.inputs([Fixtures.budget], rolls: [RollFile(rollID: "city-2026", publicKeys: [key.publicKey])])
        let verification = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: VerifySettings()).verify([ballot])
        let report = ReportRun.report(verification, starts: starts, manifest: inputs.manifest, from: nil, to: nil, period: .day, minimum: 1)
        XCTAssertEqual(report.forms.first?.started, .count(6))
        XCTAssertEqual(report.forms.first?.accepted, .count(1))
    }
}
