@testable import CollectorKit
import Foundation
import Model
import XCTest

/// Each verdict on hand-made ballots.
final class VerifyTests: XCTestCase {
    private let budget = Fixtures.budget
    private let petition = Fixtures.petition
    private let voters = (1...4).map { TellerFixtures.key(UInt8($0)) }

    private func inputs() throws -> TellerInputs {
        try TellerFixtures.inputs([budget, petition], rolls: [RollFile(rollID: "city-2026", publicKeys: voters.map(\.publicKey))])
    }

    private func verify(_ records: [SubmissionRecord], settings: VerifySettings = VerifySettings()) throws -> [String: BallotVerdict] {
        let verification = BallotVerifier(manifest: try inputs().manifest, rolls: try inputs().rolls, settings: settings).verify(records)
        return Dictionary(uniqueKeysWithValues: zip(verification.records.map(\.receipt), verification.verdicts))
    }

    func testEachVerdict() throws {
        let valid = TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[0], nonce: 1)
        var badSignature = TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[1], nonce: 2)
        badSignature.publicKey = voters[2].publicKey
        let notInRoll = TellerFixtures.record(budget, [BallotItem("park-benches")], key: TellerFixtures.key(99), nonce: 3)
        let late = TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[3], nonce: 4, after: 2 * 86_400)
        let overBudget = TellerFixtures.record(budget, [BallotItem("library-roof"), BallotItem("bike-lanes")], key: voters[2], nonce: 5)
        let notCanonical = TellerFixtures.signedRecord(form: budget.id, text: valid.ballot + "\n", key: voters[1])
        let otherForm = TellerFixtures.signedRecord(form: petition.id, text: valid.ballot, key: voters[1])
        let unknown = TellerFixtures.signedRecord(form: "nowhere/vote", text: valid.ballot, key: voters[2])
        let verdicts = try verify([valid, badSignature, notInRoll, late, overBudget, notCanonical, otherForm, unknown])
        XCTAssertEqual(verdicts[valid.receipt]?.verdict, .valid)
        XCTAssertEqual(verdicts[badSignature.receipt], BallotVerdict(.badSignature, detail: "the signature does not verify"))
        XCTAssertEqual(verdicts[notInRoll.receipt], BallotVerdict(.keyNotInRoll, detail: "the key is not on roll `city-2026`"))
        XCTAssertEqual(verdicts[late.receipt]?.verdict, .outsideWindow)
        XCTAssertTrue(verdicts[late.receipt]!.detail!.hasPrefix("received 2026-11-28T15:00:00.000Z, the form was open from"), verdicts[late.receipt]!.detail!)
        XCTAssertEqual(verdicts[overBudget.receipt], BallotVerdict(.breaksRule, detail: "over_budget (choice)"))
        XCTAssertEqual(verdicts[notCanonical.receipt], BallotVerdict(.notCanonical, detail: CanonicalBallotError.trailingNewline.description))
        XCTAssertEqual(verdicts[otherForm.receipt], BallotVerdict(.notCanonical, detail: "the ballot is for form `city/ward-1/vote`"))
        XCTAssertEqual(verdicts[unknown.receipt]?.verdict, .unknownForm)
    }

    func testOneBallotPerKeyCountsByTheRevotePolicy() throws {
        let first = TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[0], nonce: 1, issued: Fixtures.now.addingTimeInterval(-600))
        let second = TellerFixtures.record(budget, [BallotItem("bike-lanes")], key: voters[0], nonce: 2)
        let broken = TellerFixtures.record(budget, [BallotItem("library-roof"), BallotItem("bike-lanes")], key: voters[0], nonce: 3,
                                           issued: Fixtures.now.addingTimeInterval(60))
        var verdicts = try verify([first, second, broken])
        XCTAssertEqual(verdicts[second.receipt]?.verdict, .valid, "a later ballot that breaks the rule does not cancel a valid one")
        XCTAssertEqual(verdicts[first.receipt]?.verdict, .superseded)
        XCTAssertEqual(verdicts[first.receipt]?.detail, "the same key's ballot \(second.receipt) counts instead (--revote last)")
        verdicts = try verify([first, second, broken], settings: VerifySettings(revote: .first))
        XCTAssertEqual(verdicts[first.receipt]?.verdict, .valid)
        XCTAssertEqual(verdicts[second.receipt]?.verdict, .superseded)
    }

    func testOpenFormsCountOnePersonOnceAndFlagMassSigning() throws {
        let ann = TellerFixtures.record(petition, [], key: TellerFixtures.key(11), nonce: 1, after: 0.2,
                                        identity: #"{"email":"ann@mass.example","name":"Ann Lee"}"#)
        let annAgain = TellerFixtures.record(petition, [], key: TellerFixtures.key(12), nonce: 2, issued: Fixtures.now.addingTimeInterval(60),
                                             identity: #"{"email":"ANN@mass.example","name":"ann  lee"}"#)
        let bob = TellerFixtures.record(petition, [], key: TellerFixtures.key(13), nonce: 3, identity: #"{"email":"bob@mass.example","name":"Bob"}"#,
                                        clientHash: "hash-2")
        let noEmail = TellerFixtures.record(petition, [], key: TellerFixtures.key(14), nonce: 4, identity: #"{"name":"Cy"}"#, clientHash: "hash-3")
        let limits = RateLimits(perAddress: 1, perEmailDomain: 2, fastestSeconds: 1)
        let verdicts = try verify([ann, annAgain, bob, noEmail], settings: VerifySettings(limits: limits))
        XCTAssertEqual(verdicts[annAgain.receipt]?.verdict, .valid)
        XCTAssertEqual(verdicts[ann.receipt], BallotVerdict(.duplicateIdentity, detail: "the same identity's ballot \(annAgain.receipt) counts instead",
                                                          flags: [.sameAddress, .sameDomain, .tooFast]))
        XCTAssertEqual(verdicts[bob.receipt], BallotVerdict(.valid, flags: [.sameDomain]))
        XCTAssertEqual(verdicts[noEmail.receipt]?.verdict, .breaksRule)
    }

    /// A shared device: two people signed with one key, so the later supersedes the earlier. The rule stands, and the
    /// report says two identities shared the key, per form, for the tellers to review; one person again does not.
    func testASupersededBallotOfAnotherIdentityUnderTheSameKeyIsFlagged() throws {
        let ann = TellerFixtures.record(petition, [], key: TellerFixtures.key(21), nonce: 1, identity: #"{"email":"ann@home.example","name":"Ann"}"#)
        let yusuf = TellerFixtures.record(petition, [], key: TellerFixtures.key(21), nonce: 2, issued: Fixtures.now.addingTimeInterval(60),
                                          identity: #"{"email":"yusuf@home.example","name":"Yusuf"}"#)
        let bo = TellerFixtures.record(petition, [], key: TellerFixtures.key(22), nonce: 3, identity: #"{"email":"bo@home.example","name":"Bo"}"#)
        let boAgain = TellerFixtures.record(petition, [], key: TellerFixtures.key(22), nonce: 4, issued: Fixtures.now.addingTimeInterval(60),
                                            identity: #"{"email":"BO@home.example","name":"bo"}"#)
        let inputs = try inputs()
        let verification = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: VerifySettings())
            .verify([ann, yusuf, bo, boAgain], identities: .anyKey)
        let verdicts = Dictionary(uniqueKeysWithValues: zip([ann, yusuf, bo, boAgain].map(\.receipt), verification.verdicts))
        XCTAssertEqual(verdicts[ann.receipt]?.verdict, .superseded)
        XCTAssertEqual(verdicts[ann.receipt]?.flags, [.otherIdentity])
        XCTAssertEqual(verdicts[bo.receipt]?.verdict, .superseded)
        XCTAssertEqual(verdicts[bo.receipt]?.flags, [], "the same person again under one key is no shared device")
        let report = VerificationReport(verification.list, manifest: inputs.manifest, settings: VerifySettings())
        XCTAssertEqual(report.forms.first { $0.form == petition.id }?.flags, ["other_identity": 1])
        XCTAssertTrue(report.summary.contains("flagged: 1 other_identity"), report.summary)
    }

    func testTheReportCountsReasonsPerFormAndListsEveryRejection() throws {
        let valid = TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[0], nonce: 1)
        let stranger = TellerFixtures.record(budget, [BallotItem("park-benches")], key: TellerFixtures.key(99), nonce: 2)
        let inputs = try inputs()
        let verification = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: VerifySettings()).verify([valid, stranger])
        let report = VerificationReport(verification.list, manifest: inputs.manifest, settings: VerifySettings())
        XCTAssertEqual(report.forms.map(\.rejected), [["key_not_in_roll": 1]])
        XCTAssertEqual(report.rejected.map(\.receipt), [stranger.receipt])
        XCTAssertEqual(report.summary, "2 ballots: 1 valid, 1 rejected (--revote last)\n  city/ward-1/vote: 2 submitted, 1 valid; rejected: 1 key_not_in_roll")
        let json = String(decoding: try ResultFiles.json(report), as: UTF8.self)
        XCTAssertTrue(json.contains("\"verdict\": \"key_not_in_roll\""), json)
    }

    func testTallyReusesStoredVerdictsUntilTheSubmissionsChange() throws {
        let valid = TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[0], nonce: 1)
        let path = try TellerFixtures.database([valid])
        let inputs = try inputs()
        _ = try VerifyRun.run(db: path, inputs: inputs, settings: VerifySettings())
        XCTAssertTrue(try VerifyRun.current(db: path, inputs: inputs, settings: VerifySettings()).reused)
        XCTAssertFalse(try VerifyRun.current(db: path, inputs: inputs, settings: VerifySettings(revote: .first)).reused)
        let more = try TellerFixtures.database([TellerFixtures.record(budget, [BallotItem("bike-lanes")], key: voters[1], nonce: 2)])
        _ = try DatabaseImport.run(sources: [more], into: path)
        let (verification, reused) = try VerifyRun.current(db: path, inputs: inputs, settings: VerifySettings(revote: .first))
        XCTAssertFalse(reused)
        XCTAssertEqual(verification.verdicts.map(\.verdict), [.valid, .valid])
    }

    func testARollFormWithoutItsRollIsRefused() throws {
        let path = try TellerFixtures.database([TellerFixtures.record(budget, [BallotItem("park-benches")], key: voters[0], nonce: 1)])
        XCTAssertThrowsError(try VerifyRun.run(db: path, inputs: try TellerFixtures.inputs([budget]), settings: VerifySettings())) { error in
            XCTAssertTrue("\(error)".contains("pass its roll.txt with --roll"), "\(error)")
        }
    }
}
