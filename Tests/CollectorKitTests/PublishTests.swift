@testable import CollectorKit
import Foundation
import Model
import XCTest

/// `tally`, `publish`, and a recount from the bundle alone.
final class PublishTests: XCTestCase {
    private let voters = (1...3).map { TellerFixtures.key(UInt8($0)) }
    private let survey = FormSpec(id: "school/survey", kind: .survey, title: ["en": "Survey"], space: "school", eligibility: .open,
                                  questions: [SurveyQuestion(id: "mood", kind: .single, title: ["en": "Mood"], choices: ["good", "bad"]),
                                              SurveyQuestion(id: "say", kind: .longText, title: ["en": "Say"])])

    private func counted() throws -> (db: String, inputs: TellerInputs) {
        var budget = Fixtures.budget
        // Equal Shares with Add1 steps one currency unit per voter at a time: costs in thousands keep the steps few.
        budget.options = budget.options.map { option in
            var small = option
            small.cost = option.cost! / 1000
            return small
        }
        budget.constraints.budget = 1000
        budget.tally = TallySettings(rule: .equalSharesAdd1, total: 1000)
        let records = [
            TellerFixtures.record(budget, [BallotItem("park-benches"), BallotItem("bike-lanes")], key: voters[0], nonce: 1),
            TellerFixtures.record(budget, [BallotItem("library-roof")], key: voters[1], nonce: 2),
            TellerFixtures.record(budget, [BallotItem("bike-lanes")], key: voters[2], nonce: 3, issued: Fixtures.now.addingTimeInterval(-60)),
            TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[2], nonce: 4),
            TellerFixtures.record(budget, [BallotItem("park-benches")], key: TellerFixtures.key(50), nonce: 5),
            TellerFixtures.record(Fixtures.petition, [], key: TellerFixtures.key(60), nonce: 6, identity: #"{"email":"a@b.example","name":"A"}"#),
            TellerFixtures.record(Fixtures.petition, [], key: TellerFixtures.key(61), nonce: 7, identity: #"{"email":"A@b.example","name":"a"}"#),
            TellerFixtures.record(survey, [BallotItem("mood", "good"), BallotItem("say", "More \"shade\", please")], key: TellerFixtures.key(70), nonce: 8),
        ]
        let inputs = try TellerFixtures.inputs([budget, Fixtures.petition, survey],
                                               rolls: [RollFile(rollID: "city-2026", publicKeys: voters.map(\.publicKey))])
        return (try TellerFixtures.database(records), inputs)
    }

    func testTallyWritesAResultPerFormAndASummary() throws {
        let (db, inputs) = try counted()
        let (verification, _) = try VerifyRun.current(db: db, inputs: inputs, settings: VerifySettings())
        let stamp = CountStamp(countedAt: TallyRun.lastArrival(verification)!, auditURL: "audit/")
        let counts = try TallyRun.count(verification, inputs: inputs, stamp: stamp)
        let out = TellerFixtures.temporaryDirectory()
        try TallyRun.write(counts, verification: verification, inputs: inputs, stamp: stamp, to: out)

        let result = try BallotManifest.decoder().decode(FormResult.self, from: Data(contentsOf: out.appendingPathComponent("city/ward-1/vote.json")))
        XCTAssertEqual(result.participation, Participation(submitted: 5, valid: 3, rejected: 2, eligible: 3))
        XCTAssertEqual(result.rule, "equal-shares-add1")
        XCTAssertEqual(result.audit, "audit/city/ward-1/vote/")
        XCTAssertEqual(result.options.map(\.votes), [2, 1, 1])
        let petition = try BallotManifest.decoder().decode(FormResult.self,
                                                           from: Data(contentsOf: out.appendingPathComponent("parliament/e-petition-42.json")))
        XCTAssertEqual(petition.signatures, 1)
        let csv = try String(contentsOf: out.appendingPathComponent("school/survey.answers.csv"), encoding: .utf8)
        XCTAssertTrue(csv.hasSuffix(",say,\"More \"\"shade\"\", please\"\r\n"), csv)
        let summary = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        XCTAssertTrue(summary.contains("\"file\" : \"city/ward-1/vote.json\""), summary)
    }

    func testARecountFromTheBundleAloneWritesTheSameBytes() throws {
        let (db, inputs) = try counted()
        let (verification, _) = try VerifyRun.current(db: db, inputs: inputs, settings: VerifySettings())
        let stamp = CountStamp(countedAt: TallyRun.lastArrival(verification)!, auditURL: "audit/")
        let counts = try TallyRun.count(verification, inputs: inputs, stamp: stamp)
        let results = TellerFixtures.temporaryDirectory()
        try TallyRun.write(counts, verification: verification, inputs: inputs, stamp: stamp, to: results)
        let bundle = TellerFixtures.temporaryDirectory()
        try BundleWriter.write(counts, verification: verification, inputs: inputs, settings: VerifySettings(), stamp: stamp, to: bundle)

        let ballots = try String(contentsOf: bundle.appendingPathComponent("parliament/e-petition-42/ballots.jsonl"), encoding: .utf8)
        XCTAssertFalse(ballots.contains("b.example") || ballots.contains("hash-1"), "no identity fields, no address hashes")
        XCTAssertTrue(ballots.contains("\"verdict\":\"duplicate_identity\""))
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("city/ward-1/vote/roll.txt").path))
        XCTAssertTrue(try String(contentsOf: bundle.appendingPathComponent("city/ward-1/vote/README.md"), encoding: .utf8)
            .contains("collector tally --bundle . --out recount"))

        let recount = TellerFixtures.temporaryDirectory()
        try BundleRecount.write(try BundleRecount.run(bundle), to: recount)
        for (form, suffix) in [("city/ward-1/vote", ".json"), ("parliament/e-petition-42", ".json"), ("school/survey", ".json"),
                               ("school/survey", ".answers.csv")] {
            let original = try Data(contentsOf: results.appendingPathComponent(form + suffix))
            XCTAssertEqual(try Data(contentsOf: recount.appendingPathComponent(form + suffix)), original, form + suffix)
        }
        XCTAssertEqual(try Data(contentsOf: bundle.appendingPathComponent("city/ward-1/vote/result.json")),
                       try Data(contentsOf: results.appendingPathComponent("city/ward-1/vote.json")))

        let one = bundle.appendingPathComponent("city/ward-1/vote")
        XCTAssertEqual(try BundleRecount.run(one).map(\.result.form), ["city/ward-1/vote"])
        let tampered = try String(contentsOf: one.appendingPathComponent("ballots.jsonl"), encoding: .utf8)
            .replacingOccurrences(of: "\"verdict\":\"key_not_in_roll\"", with: "\"verdict\":\"valid\"")
        try tampered.write(to: one.appendingPathComponent("ballots.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BundleRecount.run(one)) { error in
            XCTAssertTrue("\(error)".contains("is marked valid, the recount finds key_not_in_roll"), "\(error)")
        }
    }
}
