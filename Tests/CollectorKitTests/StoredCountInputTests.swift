@testable import CollectorKit
import Foundation
import Model
import XCTest

/// `tally` counts what `verify` stored beside its verdicts only while it was made from the same inputs and is intact.
final class StoredCountInputTests: XCTestCase {
    private let voters = (1...3).map { TellerFixtures.key(UInt8($0)) }
    private let opinion = FormSpec(id: "school/talk", kind: .opinion, title: ["en": "Talk"], space: "school", eligibility: .open,
                                   options: [FormOption(id: "s1", title: ["en": "S1"]), FormOption(id: "s2", title: ["en": "S2"])])

    private func inputs(roll voters: [VotingKey]) throws -> TellerInputs {
        try TellerFixtures.inputs([Fixtures.budget, Fixtures.petition, Fixtures.survey, opinion],
                                  rolls: [RollFile(rollID: "city-2026", publicKeys: voters.map(\.publicKey))])
    }

    /// Every kind of row the count input holds or leaves out: a revote, a stranger, a duplicate person, free text, opinion
    /// reactions, a text that is no ballot and a form the manifest lacks.
    private func database() throws -> String {
        let budget = Fixtures.budget
        let records = [
            TellerFixtures.record(budget, [BallotItem("park-benches"), BallotItem("bike-lanes")], key: voters[0], nonce: 1),
            TellerFixtures.record(budget, [BallotItem("library-roof")], key: voters[1], nonce: 2, after: 90),
            TellerFixtures.record(budget, [BallotItem("bike-lanes")], key: voters[2], nonce: 3, issued: Fixtures.now.addingTimeInterval(-60)),
            TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[2], nonce: 4),
            TellerFixtures.record(budget, [BallotItem("park-benches")], key: TellerFixtures.key(50), nonce: 5),
            TellerFixtures.record(Fixtures.petition, [], key: TellerFixtures.key(60), nonce: 6, identity: #"{"email":"a@b.example","name":"A"}"#),
            TellerFixtures.record(Fixtures.petition, [], key: TellerFixtures.key(61), nonce: 7, identity: #"{"email":"A@b.example","name":"a"}"#),
            TellerFixtures.record(Fixtures.survey, [BallotItem("mood", "good"), BallotItem("say", "Shade, please")], key: TellerFixtures.key(70), nonce: 8),
            TellerFixtures.record(opinion, [BallotItem("s1", "agree")], key: TellerFixtures.key(80), nonce: 9),
            TellerFixtures.record(opinion, [BallotItem("s2", "disagree")], key: TellerFixtures.key(80), nonce: 10),
            TellerFixtures.signedRecord(form: budget.id, text: "not a ballot", key: voters[0]),
            TellerFixtures.signedRecord(form: "nowhere/vote", text: "not a ballot either", key: voters[1]),
        ]
        return try TellerFixtures.database(records)
    }

    /// The files `tally` writes for `input`.
    private func written(_ input: CountInput, inputs: TellerInputs) throws -> [String: Data] {
        let stamp = CountStamp(countedAt: input.lastArrival!, auditURL: "audit/")
        let out = TellerFixtures.temporaryDirectory()
        try TallyRun.write(try TallyRun.count(input, inputs: inputs, stamp: stamp), unknownForm: input.unknownForm, inputs: inputs, stamp: stamp, to: out)
        var files: [String: Data] = [:]
        for case let url as URL in FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)! where !url.hasDirectoryPath {
            files[String(url.path.dropFirst(out.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// The files of a count of every submission held in memory, as `publish` counts: no stored count input read.
    private func fullCount(_ db: String, inputs: TellerInputs) throws -> [String: Data] {
        let (verification, _) = try VerifyRun.current(db: db, inputs: inputs, settings: VerifySettings())
        return try written(CountInput(verification, manifest: inputs.manifest), inputs: inputs)
    }

    func testTheStoredInputCountsToTheSameBytesAsEverySubmission() throws {
        let db = try database()
        let inputs = try inputs(roll: voters)
        _ = try VerifyRun.run(db: db, inputs: inputs, settings: VerifySettings())
        let (input, reused) = try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings())
        XCTAssertTrue(reused)
        XCTAssertEqual(input.unknownForm, 1)
        let stored = try written(input, inputs: inputs)
        XCTAssertEqual(stored.keys.sorted(), ["/city/ward-1/vote.json", "/parliament/e-petition-42.json", "/school/survey.answers.csv",
                                              "/school/survey.json", "/school/talk.json", "/summary.json"])
        XCTAssertEqual(stored, try fullCount(db, inputs: inputs))
    }

    func testAStoredInputMadeFromOtherInputsIsNotCounted() throws {
        let db = try database()
        // Verified with the third voter off the roll, then counted with the whole roll: their ballot now counts.
        _ = try VerifyRun.run(db: db, inputs: try inputs(roll: Array(voters.prefix(2))), settings: VerifySettings())
        let inputs = try inputs(roll: voters)
        let (input, reused) = try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings())
        XCTAssertFalse(reused)
        XCTAssertEqual(input.counted(Fixtures.budget.id).count, 3)
        XCTAssertEqual(try written(input, inputs: inputs), try fullCount(db, inputs: inputs))
        // Other settings: the revote policy picks the other of the third voter's ballots.
        XCTAssertFalse(try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings(revote: .first)).reused)
    }

    func testAnAlteredOrForeignStoredInputIsNotCounted() throws {
        let db = try database()
        let connection = try SQLiteConnection(path: db)
        // The parts of a verification without the third voter: well formed, and a count that is not this one.
        _ = try VerifyRun.run(db: db, inputs: try inputs(roll: Array(voters.prefix(2))), settings: VerifySettings())
        let foreign = TestDatabase(path: db).rows("SELECT part, hex(bytes) FROM count_input ORDER BY part")
        XCTAssertEqual(try VerifyRun.countInput(db: db, inputs: try inputs(roll: Array(voters.prefix(2))), settings: VerifySettings())
            .input.counted(Fixtures.budget.id).count, 2)

        let inputs = try inputs(roll: voters)
        let full = try fullCount(db, inputs: inputs)
        XCTAssertTrue(try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings()).reused)
        for row in foreign { try connection.execute("UPDATE count_input SET bytes = x'\(row[1]!)' WHERE part = \(row[0]!)") }
        var (input, reused) = try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings())
        XCTAssertFalse(reused, "the parts do not hash to the digest stored with this fingerprint")
        XCTAssertEqual(try written(input, inputs: inputs), full)

        // A byte of the last opinion reaction's key: the bytes still read as a count input.
        try connection.execute("UPDATE count_input SET bytes = substr(bytes, 1, length(bytes) - 21) || x'ff' || substr(bytes, length(bytes) - 19)")
        (input, reused) = try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings())
        XCTAssertFalse(reused, "one byte changed")
        XCTAssertEqual(try written(input, inputs: inputs), full)

        // `import` drops the verdicts' fingerprint when it adds anything: the count input goes with them.
        try connection.execute("DELETE FROM meta WHERE key = 'verdicts_fingerprint'")
        XCTAssertFalse(try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings()).reused)
        XCTAssertTrue(try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings()).reused)
    }

    func testNewSubmissionsMakeTheStoredInputStale() throws {
        let db = try database()
        let inputs = try inputs(roll: voters)
        _ = try VerifyRun.run(db: db, inputs: inputs, settings: VerifySettings())
        let more = try TellerFixtures.database([TellerFixtures.record(Fixtures.budget, [BallotItem("library-roof")], key: voters[0], nonce: 20,
                                                                      issued: Fixtures.now.addingTimeInterval(60))])
        _ = try DatabaseImport.run(sources: [more], into: db)
        let (input, reused) = try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings())
        XCTAssertFalse(reused)
        XCTAssertEqual(input.counted(Fixtures.budget.id).map { $0.items.map(\.encoded) }.sorted { $0.lexicographicallyPrecedes($1) },
                       [["library-roof"], ["library-roof"], ["park-benches"]])
    }

    func testBytesThatAreNotACountInputAreRefused() throws {
        let db = try database()
        let inputs = try inputs(roll: voters)
        let (verification, _) = try VerifyRun.current(db: db, inputs: inputs, settings: VerifySettings())
        var bytes: [UInt8] = []
        try CountInputBytes.encode(verification.list, manifest: inputs.manifest, piece: 7) { bytes += $0 }
        XCTAssertNotNil(CountInputBytes.decode(bytes, manifest: inputs.manifest))
        for cut in [0, 1, 14, 30, bytes.count / 2, bytes.count - 1] {
            XCTAssertNil(CountInputBytes.decode(Array(bytes.prefix(cut)), manifest: inputs.manifest), "cut at \(cut)")
        }
        XCTAssertNil(CountInputBytes.decode(bytes + [0], manifest: inputs.manifest))
        XCTAssertNil(CountInputBytes.decode(bytes, manifest: try TellerFixtures.inputs([Fixtures.budget]).manifest), "a form the manifest lacks")
    }
}
