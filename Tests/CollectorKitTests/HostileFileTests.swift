@testable import CollectorKit
import Foundation
@testable import Model
import XCTest

/// A hostile collector file, mixed in with honest ones in any order and any number of times, changes neither the
/// honest ballots' verdicts nor the count (docs/SECURITY.md).
final class HostileFileTests: XCTestCase {
    private let budget = Fixtures.budget
    private let petition = Fixtures.petition
    private let voters = (1...4).map { TellerFixtures.key(UInt8($0)) }
    /// Holds a voting code of the roll too, and uses it to attack.
    private let attacker = TellerFixtures.key(9)

    private func inputs() throws -> TellerInputs {
        try TellerFixtures.inputs([budget, petition, Fixtures.opinion],
                                  rolls: [RollFile(rollID: "city-2026", publicKeys: (voters + [attacker]).map(\.publicKey))])
    }

    private var honestRecords: [SubmissionRecord] {
        [TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[0], nonce: 1),
         TellerFixtures.record(budget, [BallotItem("bike-lanes")], key: voters[1], nonce: 2, collector: "c2"),
         TellerFixtures.record(budget, [BallotItem("library-roof")], key: voters[2], nonce: 3),
         TellerFixtures.record(petition, [], key: TellerFixtures.key(20), nonce: 4, identity: #"{"email":"ann@a.example","name":"Ann"}"#),
         TellerFixtures.record(petition, [], key: TellerFixtures.key(21), nonce: 5, identity: #"{"email":"bo@b.example","name":"Bo"}"#)]
    }

    /// The honest collectors' two files.
    private func honestFiles() throws -> [String] {
        let records = honestRecords
        return [try TellerFixtures.database(Array(records.prefix(3))), try TellerFixtures.database(Array(records.suffix(2)))]
    }

    /// Verdicts by receipt and the results' bytes by form, after importing `sources` into a new file.
    private func outcome(_ sources: [String]) throws -> (verdicts: [String: BallotVerdict], results: [String: Data], target: String) {
        let target = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
        _ = try DatabaseImport.run(sources: sources, into: target)
        let inputs = try inputs()
        let list = try VerifyRun.run(db: target, inputs: inputs, settings: VerifySettings())
        let counts = try TallyRun.count(try VerifyRun.countInput(db: target, inputs: inputs, settings: VerifySettings()).input, inputs: inputs,
                                        stamp: CountStamp(countedAt: Fixtures.now))
        return (Dictionary(uniqueKeysWithValues: (0..<list.count).map { (list.receipt($0), list.verdicts[$0]) }),
                Dictionary(uniqueKeysWithValues: try counts.map { ($0.result.form, try ResultFiles.json($0.result)) }), target)
    }

    /// Imports the honest files with `hostile` in every order, with repetitions, and checks the honest ballots and the
    /// results are what they are without it.
    private func assertHarmless(_ hostile: String, file: StaticString = #filePath, line: UInt = #line,
                                expectFlags: [BallotFlag] = []) throws {
        let honest = try honestFiles()
        let baseline = try outcome(honest)
        let orders = [[hostile] + honest, honest + [hostile], [honest[0], hostile, honest[1]], [hostile] + honest + [hostile, honest[0]]]
        for order in orders {
            let result = try outcome(order)
            for record in honestRecords {
                XCTAssertEqual(result.verdicts[record.receipt]?.verdict, baseline.verdicts[record.receipt]?.verdict, "order \(order)", file: file, line: line)
            }
            XCTAssertEqual(result.results, baseline.results, "order \(order)", file: file, line: line)
            let flags = Set(result.verdicts.values.flatMap(\.flags))
            XCTAssertEqual(flags, Set(expectFlags), file: file, line: line)
        }
    }

    func testAReceiptThatIsNotTheHashOfItsSignatureIsSetAsideAndDisplacesNothing() throws {
        // The attacker signs a ballot of their own and files it under an honest voter's receipt.
        let honest = honestRecords[0]
        var forged = TellerFixtures.record(budget, [BallotItem("bike-lanes")], key: attacker, nonce: 77)
        forged.receipt = honest.receipt
        let hostile = try TellerFixtures.database([forged])
        try assertHarmless(hostile)

        let reports = try DatabaseImport.run(sources: [hostile] + (try honestFiles()),
                                             into: TellerFixtures.temporaryDirectory().appendingPathComponent("x.sqlite").path)
        XCTAssertEqual(reports[0].setAside, 1)
        XCTAssertEqual(reports[0].summary, "\(hostile): 0 new, 0 duplicate, 0 conflicting, 1 set aside (see import_rejects), 1 log entries; "
                       + "1 log entries under no head its collector signed (start and stop `collector serve` on the file to sign them, then import it again)")
    }

    func testAnHonestSignatureUnderOtherContentLosesTheReceiptInEitherOrder() throws {
        // Same signature and so the same receipt, but another ballot text and key: only the honest one verifies.
        let honest = honestRecords[1]
        var swapped = honest
        swapped.ballot = honest.ballot.replacingOccurrences(of: "bike-lanes", with: "library-roof")
        var rekeyed = honest
        rekeyed.publicKey = attacker.publicKey
        try assertHarmless(try TellerFixtures.database([swapped]))
        try assertHarmless(try TellerFixtures.database([rekeyed]))
    }

    func testBackdatedAndPostdatedCopiesDoNotMoveHonestBallotsOutOfTheirWindow() throws {
        let copies = honestRecords.flatMap { record -> [SubmissionRecord] in
            var early = record
            early.receivedAt = "2000-01-01T00:00:00.000Z"
            early.collectorID = "hostile"
            var late = record
            late.receivedAt = "2099-01-01T00:00:00.000Z"
            late.collectorID = "hostile"
            return [early, late]
        }
        let early = try TellerFixtures.database(copies.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        let late = try TellerFixtures.database(copies.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        try assertHarmless(early, expectFlags: [.contestedArrival])
        try assertHarmless(late, expectFlags: [.contestedArrival])

        let result = try outcome(try honestFiles() + [early, late])
        let flagged = result.verdicts[honestRecords[0].receipt]!
        XCTAssertEqual(flagged.verdict, .valid)
        XCTAssertTrue(flagged.detail!.contains("2000-01-01T00:00:00.000Z (collector `hostile` in \(early))"), flagged.detail!)
        XCTAssertEqual(TestDatabase(path: result.target).scalar("SELECT count(*) FROM sightings WHERE receipt = '\(honestRecords[0].receipt)'"), "3")
    }

    func testAnotherIdentityOnAnHonestSignatureCannotMakeItADuplicate() throws {
        // The hostile file gives Bo's signature Ann's identity fields, which are not signed.
        var impostor = honestRecords[4]
        impostor.identity = honestRecords[3].identity
        try assertHarmless(try TellerFixtures.database([impostor]), expectFlags: [.contestedIdentity])
    }

    func testABallotDatedInTheFutureNeverWinsARevote() throws {
        let first = TellerFixtures.record(budget, [BallotItem("park-benches")], key: attacker, nonce: 1)
        // Signed with `issued` in 2099 and stored (by a hostile file: intake refuses it) a minute after the first.
        let locked = TellerFixtures.record(budget, [BallotItem("library-roof")], key: attacker, nonce: 2,
                                           issued: Date(timeIntervalSince1970: 4_070_908_800), after: 0)
        var lockedRow = locked
        lockedRow.receivedAt = SubmissionIntake.timestamp(Fixtures.now.addingTimeInterval(90))
        let revote = TellerFixtures.record(budget, [BallotItem("bike-lanes")], key: attacker, nonce: 3, issued: Fixtures.now.addingTimeInterval(600))
        let result = try outcome([try TellerFixtures.database([first, revote]), try TellerFixtures.database([lockedRow])])
        XCTAssertEqual(result.verdicts[revote.receipt]?.verdict, .valid)
        XCTAssertEqual(result.verdicts[first.receipt]?.verdict, .superseded)
        XCTAssertEqual(result.verdicts[locked.receipt]?.verdict, .issuedAfterReceived)
        XCTAssertTrue(result.verdicts[locked.receipt]!.detail!.hasPrefix("issued 2099-01-01T00:00:00Z, but every collector"),
                      result.verdicts[locked.receipt]!.detail!)

        // A hostile file cannot rescue it with a sighting of its own in 2099: that one is after the window.
        var rescue = lockedRow
        rescue.receivedAt = "2099-01-01T00:00:30.000Z"
        let rescued = try outcome([try TellerFixtures.database([first, revote]), try TellerFixtures.database([lockedRow]),
                                   try TellerFixtures.database([rescue])])
        XCTAssertEqual(rescued.verdicts[revote.receipt]?.verdict, .valid)
        XCTAssertEqual(rescued.verdicts[locked.receipt]?.verdict, .outsideWindow)
    }

    func testOpinionBallotsCountOncePerKeyAndStatement() throws {
        let opinion = Fixtures.opinion
        let key = TellerFixtures.key(30)
        let all = TellerFixtures.record(opinion, [BallotItem("s1", "agree"), BallotItem("s2", "agree")], key: key, nonce: 1)
        let s1 = TellerFixtures.record(opinion, [BallotItem("s1", "disagree")], key: key, nonce: 2, issued: Fixtures.now.addingTimeInterval(-60))
        let s1Again = TellerFixtures.record(opinion, [BallotItem("s1", "agree")], key: key, nonce: 3)
        let s2 = TellerFixtures.record(opinion, [BallotItem("s2", "pass")], key: key, nonce: 4)
        let result = try outcome([try TellerFixtures.database([all, s1, s1Again, s2])])
        XCTAssertEqual(result.verdicts[all.receipt]?.verdict, .breaksRule)
        XCTAssertEqual(result.verdicts[s1.receipt]?.verdict, .superseded)
        XCTAssertEqual(result.verdicts[s1Again.receipt]?.verdict, .valid)
        XCTAssertEqual(result.verdicts[s2.receipt]?.verdict, .valid)
        let check = SubmissionCheck(manifest: try inputs().manifest)
        let input = SubmissionInput(form: opinion.id, ballot: all.ballot, publicKey: all.publicKey, signature: all.signature)
        XCTAssertEqual(check.check(input, at: Fixtures.now), .failure(Refusal(.tooManyChoices, field: "opinion")))
    }

    func testIntakeRefusesABallotIssuedAheadOfItsClock() throws {
        let ahead = TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[0], nonce: 1, issued: Fixtures.now.addingTimeInterval(61))
        let check = SubmissionCheck(manifest: try inputs().manifest, tolerance: 60)
        let input = SubmissionInput(form: budget.id, ballot: ahead.ballot, publicKey: ahead.publicKey, signature: ahead.signature)
        XCTAssertEqual(check.check(input, at: Fixtures.now), .failure(Refusal(.issuedInFuture, field: "ballot", detail: "2026-11-26T15:00:00Z")),
                       "the refusal tells the page the collector's time")
        if case .failure(let refusal) = check.check(input, at: Fixtures.now.addingTimeInterval(1)) { XCTFail("refused at the tolerance: \(refusal)") }
    }

    /// Schemas a collector never writes: each refused by name before any of its SQL runs.
    func testASourceWhoseSchemaIsNotACollectorsIsRefusedAndRunsNothing() throws {
        let honest = try honestFiles()
        let cases: [(String, String)] = [
            // A view that would never end, in place of the table.
            ("DROP TABLE submissions; CREATE VIEW submissions AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
             + "SELECT 'r' AS receipt, 'f' AS form_id, 'b' AS ballot, 'k' AS public_key, 's' AS signature, NULL AS identity, "
             + "'t' AS received_at, 'c' AS collector_id, 'h' AS client_hash FROM n", "view `submissions`"),
            ("CREATE TRIGGER spread AFTER INSERT ON verdicts BEGIN DELETE FROM submissions; END", "trigger `spread`"),
            ("CREATE INDEX sneaky ON submissions (received_at)", "index `sneaky`"),
            ("CREATE TABLE extra (x TEXT)", "table `extra`"),
        ]
        for (sql, named) in cases {
            let path = try TellerFixtures.database(honestRecords)
            try SQLiteConnection(path: path).execute(sql)
            let target = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
            XCTAssertThrowsError(try DatabaseImport.run(sources: honest + [path], into: target)) { error in
                let text = "\(error)"
                XCTAssertTrue(text.hasPrefix(path + ": its schema was changed") && text.contains(named), text)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: target), "nothing written")
            XCTAssertThrowsError(try VerifyRun.run(db: path, inputs: try inputs(), settings: VerifySettings())) { error in
                XCTAssertTrue("\(error)".contains(named), "\(error)")
            }
        }
    }

    func testTellersConnectionsRunNoViewOrTriggerEvenWhenOneIsThere() throws {
        let path = try TellerFixtures.database(honestRecords)
        try SQLiteConnection(path: path).execute("""
            CREATE VIEW everything AS SELECT * FROM submissions;
            CREATE TABLE log (x TEXT);
            CREATE TRIGGER noisy AFTER INSERT ON verdicts BEGIN INSERT INTO log VALUES ('ran'); END
            """)
        let untrusted = try SQLiteConnection(path: path, untrusted: true)
        XCTAssertThrowsError(try untrusted.scalar("SELECT count(*) FROM everything"))
        try untrusted.execute("INSERT INTO verdicts (receipt, verdict) VALUES ('r', 'valid')")
        XCTAssertEqual(try untrusted.scalar("SELECT count(*) FROM log"), "0")
        XCTAssertThrowsError(try untrusted.scalar("SELECT length(zeroblob(\(SQLiteConnection.untrustedValueLimit + 1)))"), "values are capped")
    }

    /// The merged file is the same whatever the order and repetition of its sources, hostile ones among them.
    func testTheMergeIsTheSameInAnyOrderAndRepetition() throws {
        let honest = try honestFiles()
        var forged = TellerFixtures.record(budget, [BallotItem("bike-lanes")], key: attacker, nonce: 77)
        forged.receipt = honestRecords[0].receipt
        var backdated = honestRecords[1]
        backdated.receivedAt = "2000-01-01T00:00:00.000Z"
        var impostor = honestRecords[4]
        impostor.identity = honestRecords[3].identity
        var swapped = honestRecords[2]
        swapped.ballot = swapped.ballot.replacingOccurrences(of: "library-roof", with: "park-benches")
        let hostile = [try TellerFixtures.database([forged, backdated]), try TellerFixtures.database([impostor, swapped])]
        let sources = honest + hostile
        let tables = ["submissions", "import_conflicts"]
        func dump(_ path: String) -> [[[String?]]] {
            tables.map { TellerFixtures.dump(path, table: $0) }
                + [TestDatabase(path: path).rows("SELECT * FROM sightings ORDER BY 1, 2, 3, 4, 5, 6"),
                   TestDatabase(path: path).rows("SELECT * FROM import_rejects ORDER BY 1, 2, 3")]
        }
        var generator = SeededGenerator(seed: 17)
        var first: [[[String?]]]?
        for _ in 0..<12 {
            var order = sources.shuffled(using: &generator)
            order += (0..<Int.random(in: 0...3, using: &generator)).map { _ in sources.randomElement(using: &generator)! }
            order.shuffle(using: &generator)
            let target = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
            _ = try DatabaseImport.run(sources: order, into: target)
            let merged = dump(target)
            if let first { XCTAssertEqual(merged, first, "order \(order)") } else { first = merged }
        }
        XCTAssertEqual(first?[3].count, 1, "the forged receipt is set aside once")
    }

    func testIdentityFieldsThatNameTheSamePersonDoNotContestADuplicate() throws {
        // Ann signed twice with two keys; a hostile copy of her first signature spells her name with a space more.
        let ann = #"{"email":"ann@a.example","name":"Ann"}"#
        let first = TellerFixtures.record(petition, [], key: TellerFixtures.key(40), nonce: 1, identity: ann)
        let second = TellerFixtures.record(petition, [], key: TellerFixtures.key(41), nonce: 2, issued: Fixtures.now.addingTimeInterval(60), identity: ann)
        var respelled = first
        respelled.identity = #"{"email":"ANN@a.example","name":"Ann "}"#
        let honest = try TellerFixtures.database([first, second])
        let result = try outcome([honest, try TellerFixtures.database([respelled])])
        XCTAssertEqual(result.verdicts[first.receipt]?.verdict, .duplicateIdentity)
        XCTAssertEqual(result.verdicts[first.receipt]?.flags, [])
        XCTAssertEqual(result.results, try outcome([honest]).results)
    }

    func testAnArrivalTimeNeverBreaksATieBetweenTwoBallotsOfOneKey() throws {
        // Signed in the same second: the receipts decide, whatever time a hostile copy gives either.
        let a = TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[3], nonce: 1, after: 30)
        let b = TellerFixtures.record(budget, [BallotItem("bike-lanes")], key: voters[3], nonce: 2, after: 40)
        let honest = try TellerFixtures.database([a, b])
        let baseline = try outcome([honest])
        for record in [a, b] {
            var copy = record
            copy.receivedAt = SubmissionIntake.timestamp(Fixtures.now.addingTimeInterval(record.receipt == a.receipt ? 50 : 10))
            copy.collectorID = "hostile"
            let attacked = try outcome([honest, try TellerFixtures.database([copy])])
            XCTAssertEqual(attacked.verdicts[a.receipt]?.verdict, baseline.verdicts[a.receipt]?.verdict)
            XCTAssertEqual(attacked.verdicts[b.receipt]?.verdict, baseline.verdicts[b.receipt]?.verdict)
            XCTAssertEqual(attacked.results, baseline.results)
        }
    }

    func testASightingNoCollectorWritesIsSetAsideAndCannotStopTheCount() throws {
        // Megabytes where a time belongs: a detail listing them would exceed what the tellers' database takes.
        let honest = honestRecords[0]
        var huge = honest
        huge.receivedAt = String(repeating: "x", count: 600_000)
        var long = honest
        long.collectorID = String(repeating: "c", count: 201)
        let hostile = try TellerFixtures.database([huge])
        let reports = try DatabaseImport.run(sources: [try TellerFixtures.database([honest]), hostile, try TellerFixtures.database([long])],
                                             into: TellerFixtures.temporaryDirectory().appendingPathComponent("x.sqlite").path)
        XCTAssertEqual(reports.map(\.setAside), [0, 1, 1])
        try assertHarmless(hostile)
        // Many sightings make one line of detail, not one per sighting.
        let copies = (0..<40).map { index -> String in
            var copy = honest
            copy.receivedAt = SubmissionIntake.timestamp(Date(timeIntervalSince1970: 946_684_800 + Double(index)))
            copy.collectorID = "hostile-\(index)"
            return try! TellerFixtures.database([copy])
        }
        let result = try outcome(try honestFiles() + copies)
        XCTAssertTrue(result.verdicts[honest.receipt]!.detail!.hasSuffix("and 37 more"), result.verdicts[honest.receipt]!.detail!)
    }

    func testRowsThatAreNotBallotsDoNotMoveTheDefaultCountingTime() throws {
        // Receipts that are their signatures' hashes, canonical ballots, signatures that do not verify, received in 9999.
        let junk = (0..<20).map { index -> SubmissionRecord in
            let signature = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index) }
            let text = CanonicalBallot(form: budget.id, items: [BallotItem("bike-lanes")], nonce: [UInt8](repeating: UInt8(index), count: 16),
                                       issued: Fixtures.now).text
            return SubmissionRecord(receipt: SignedBallot.receipt(ofSignature: signature), form: budget.id, ballot: text, publicKey: voters[1].publicKey,
                                    signature: Base64URL.encode(signature), identity: nil, receivedAt: "9999-12-31T23:59:59.000Z", collectorID: "hostile",
                                    clientHash: "h")
        }
        let target = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
        _ = try DatabaseImport.run(sources: try honestFiles() + [try TellerFixtures.database(junk)], into: target)
        let input = try VerifyRun.countInput(db: target, inputs: try inputs(), settings: VerifySettings()).input
        XCTAssertEqual(input.lastArrival, honestRecords.compactMap { ReceivedTime.parse($0.receivedAt) }.max())
    }
}
