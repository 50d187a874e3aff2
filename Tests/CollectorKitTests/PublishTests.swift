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
        let (input, reused) = try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings())
        XCTAssertFalse(reused)
        XCTAssertTrue(try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings()).reused)
        let stamp = CountStamp(countedAt: input.lastArrival!, auditURL: "audit/")
        let counts = try TallyRun.count(input, inputs: inputs, stamp: stamp)
        let out = TellerFixtures.temporaryDirectory()
        try TallyRun.write(counts, unknownForm: input.unknownForm, inputs: inputs, stamp: stamp, to: out)

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
        XCTAssertTrue(summary.contains("\"file\": \"city/ward-1/vote.json\""), summary)
    }

    func testARecountFromTheBundleAloneWritesTheSameBytes() throws {
        let (db, inputs) = try counted()
        // The tally streams the database; publishing holds it in memory: the two must agree byte for byte.
        let (input, _) = try VerifyRun.countInput(db: db, inputs: inputs, settings: VerifySettings())
        let stamp = CountStamp(countedAt: input.lastArrival!, auditURL: "audit/")
        let results = TellerFixtures.temporaryDirectory()
        try TallyRun.write(try TallyRun.count(input, inputs: inputs, stamp: stamp), unknownForm: input.unknownForm, inputs: inputs, stamp: stamp,
                           to: results)
        let (verification, reused) = try VerifyRun.current(db: db, inputs: inputs, settings: VerifySettings())
        XCTAssertTrue(reused)
        XCTAssertEqual(CountInput(verification, manifest: inputs.manifest).lastArrival, input.lastArrival)
        let counts = try TallyRun.count(verification, inputs: inputs, stamp: stamp)
        let bundle = TellerFixtures.temporaryDirectory()
        try BundleWriter.write(counts, verification: verification, inputs: inputs, settings: VerifySettings(), stamp: stamp, to: bundle)

        let ballots = try String(contentsOf: bundle.appendingPathComponent("parliament/e-petition-42/ballots.jsonl"), encoding: .utf8)
        XCTAssertFalse(ballots.contains("b.example") || ballots.contains("hash-1"), "no identity fields, no address hashes")
        XCTAssertTrue(ballots.contains("\"verdict\":\"duplicate_identity\""))
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("city/ward-1/vote/roll.txt").path))
        XCTAssertTrue(try String(contentsOf: bundle.appendingPathComponent("city/ward-1/vote/README.md"), encoding: .utf8)
            .contains("collector tally --bundle . --out recount"))

        let recount = TellerFixtures.temporaryDirectory()
        _ = try BundleRecount.run(bundle, out: recount)
        try SecondRecountTests.assertBothAgree(bundle)
        for (form, suffix) in [("city/ward-1/vote", ".json"), ("parliament/e-petition-42", ".json"), ("school/survey", ".json"),
                               ("school/survey", ".answers.csv")] {
            let original = try Data(contentsOf: results.appendingPathComponent(form + suffix))
            XCTAssertEqual(try Data(contentsOf: recount.appendingPathComponent(form + suffix)), original, form + suffix)
        }
        XCTAssertEqual(try Data(contentsOf: bundle.appendingPathComponent("city/ward-1/vote/result.json")),
                       try Data(contentsOf: results.appendingPathComponent("city/ward-1/vote.json")))

        let one = bundle.appendingPathComponent("city/ward-1/vote")
        XCTAssertEqual(try BundleRecount.run(one, out: TellerFixtures.temporaryDirectory()).counts.map(\.result.form), ["city/ward-1/vote"])
        let tampered = try String(contentsOf: one.appendingPathComponent("ballots.jsonl"), encoding: .utf8)
            .replacingOccurrences(of: "\"verdict\":\"key_not_in_roll\"", with: "\"verdict\":\"valid\"")
        try tampered.write(to: one.appendingPathComponent("ballots.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BundleRecount.run(one, out: TellerFixtures.temporaryDirectory())) { error in
            XCTAssertTrue("\(error)".contains("is marked valid, the recount finds key_not_in_roll"), "\(error)")
        }
    }

    /// A bundle of `counted()`'s ballots, and the folder of its petition.
    private func published() throws -> (bundle: URL, petition: URL) {
        let (db, inputs) = try counted()
        let (verification, _) = try VerifyRun.current(db: db, inputs: inputs, settings: VerifySettings())
        let stamp = CountStamp(countedAt: CountInput(verification, manifest: inputs.manifest).lastArrival!, auditURL: "audit/")
        let bundle = TellerFixtures.temporaryDirectory()
        try BundleWriter.write(try TallyRun.count(verification, inputs: inputs, stamp: stamp), verification: verification, inputs: inputs,
                               settings: VerifySettings(), stamp: stamp, to: bundle)
        return (bundle, bundle.appendingPathComponent("parliament/e-petition-42"))
    }

    private func editBallots(_ folder: URL, _ edit: (inout [[String: Any]]) -> Void) throws {
        let url = folder.appendingPathComponent("ballots.jsonl")
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        edit(&lines)
        let text = try lines.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) + "\n" }.joined()
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func testTheRecountDerivesIdentityDuplicatesFromTheDigestsAndRefusesAForgedOne() throws {
        let (_, petition) = try published()
        let ballots = try String(contentsOf: petition.appendingPathComponent("ballots.jsonl"), encoding: .utf8)
        XCTAssertEqual(ballots.components(separatedBy: "\"identity_digest\":").count - 1, 2, "both signatures carry a digest")
        XCTAssertFalse(ballots.contains("A@b.example") || ballots.contains("a@b.example"))
        // The publisher drops the valid signature by marking it a duplicate, without digests that say so.
        try editBallots(petition) { lines in
            for index in lines.indices where lines[index]["verdict"] as? String == "valid" {
                lines[index]["verdict"] = "duplicate_identity"
                lines[index]["identity_digest"] = String(repeating: "0", count: 64)
            }
        }
        XCTAssertThrowsError(try BundleRecount.run(petition, out: TellerFixtures.temporaryDirectory())) { error in
            XCTAssertTrue("\(error)".contains("is marked duplicate_identity, the recount finds valid"), "\(error)")
        }
    }

    func testARecountRefusesAResultThatItsBallotsDoNotGive() throws {
        let (bundle, _) = try published()
        let ward = bundle.appendingPathComponent("city/ward-1/vote")
        // A valid ballot left out of the list: every remaining verdict holds, but the published result counted it.
        try editBallots(ward) { lines in
            let keys = lines.map { $0["public_key"] as! String }
            let alone = lines.indices.first { index in
                lines[index]["verdict"] as? String == "valid" && keys.filter { $0 == keys[index] }.count == 1
            }!
            lines.remove(at: alone)
        }
        let out = TellerFixtures.temporaryDirectory()
        XCTAssertThrowsError(try BundleRecount.run(bundle, out: out)) { error in
            XCTAssertTrue("\(error)".contains("the published result is not what its ballots give: \(ward.path)/result.json"), "\(error)")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("city/ward-1/vote.json").path), "the recount is written")
    }

    func testARecountRefusesFreeTextAnswersItsBallotsDoNotGive() throws {
        let (bundle, _) = try published()
        let answers = bundle.appendingPathComponent("school/survey/answers.csv")
        let text = try String(contentsOf: answers, encoding: .utf8)
        try text.replacingOccurrences(of: "shade", with: "walls").write(to: answers, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BundleRecount.run(bundle, out: TellerFixtures.temporaryDirectory())) { error in
            XCTAssertTrue("\(error)".contains(answers.path), "\(error)")
        }
    }

    func testABallotWhoseIdentityWasRefusedRecountsAsBreakingTheRule() throws {
        var petition = Fixtures.petition
        petition.options = []
        let bad = TellerFixtures.record(petition, [], key: TellerFixtures.key(62), nonce: 9, identity: #"{"email":"not-an-email","name":"C"}"#)
        let good = TellerFixtures.record(petition, [], key: TellerFixtures.key(63), nonce: 10, identity: #"{"email":"d@e.example","name":"D"}"#)
        let source = try TellerFixtures.database([bad, good])
        let db = TellerFixtures.temporaryDirectory().appendingPathComponent("all.sqlite").path
        _ = try DatabaseImport.run(sources: [source], into: db)
        let inputs = try TellerFixtures.inputs([petition])
        XCTAssertEqual(try VerifyRun.run(db: db, inputs: inputs, settings: VerifySettings()).verdicts.map(\.verdict).sorted(), [.valid, .breaksRule])
        let (verification, _) = try VerifyRun.current(db: db, inputs: inputs, settings: VerifySettings())
        let stamp = CountStamp(countedAt: Fixtures.now)
        let bundle = TellerFixtures.temporaryDirectory()
        try BundleWriter.write(try TallyRun.count(verification, inputs: inputs, stamp: stamp), verification: verification, inputs: inputs,
                               settings: VerifySettings(), stamp: stamp, to: bundle)
        XCTAssertEqual(try BundleRecount.run(bundle, out: TellerFixtures.temporaryDirectory()).counts.map(\.result.signatures), [1])
        try SecondRecountTests.assertBothAgree(bundle)
    }

    func testTheBundleCarriesTheDocumentsItsRecountFollowsAndRefusesAnEditedOne() throws {
        let (bundle, petition) = try published()
        let settings = try BundleFormat.decoder().decode(BundleFormat.Settings.self, from: Data(contentsOf: petition.appendingPathComponent("bundle.json")))
        XCTAssertEqual(settings.format, "audit/v4")
        XCTAssertEqual(Set(settings.documents.keys), ["AUDIT.md", "BALLOT.md", "COUNTING.md"])
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for (name, hash) in settings.documents {
            let copy = try Data(contentsOf: petition.appendingPathComponent(name))
            XCTAssertEqual(copy, try Data(contentsOf: repository.appendingPathComponent("docs/" + name)), "\(name) is the project's own")
            XCTAssertEqual(BallotManifest.sha256Hex(copy), hash, name)
        }
        XCTAssertTrue(try String(contentsOf: petition.appendingPathComponent("README.md"), encoding: .utf8).contains("`COUNTING.md`"))

        let counting = petition.appendingPathComponent("COUNTING.md")
        try (try String(contentsOf: counting, encoding: .utf8) + "\nA ballot marked valid by the publisher counts.\n").write(to: counting, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BundleRecount.run(bundle, out: TellerFixtures.temporaryDirectory())) { error in
            XCTAssertTrue("\(error)".contains("COUNTING.md: its SHA-256 is not the one bundle.json records"), "\(error)")
        }
    }

    func testAManifestEditedAfterPublicationIsRefusedSealedOrNot() throws {
        let (bundle, _) = try published()
        let ward = bundle.appendingPathComponent("city/ward-1/vote")
        let file = ward.appendingPathComponent("manifest.json")
        let original = try Data(contentsOf: file)
        // The count's rule changed in place: the form's hash no longer is its content's.
        let greedy = try XCTUnwrap(String(data: original, encoding: .utf8)).replacingOccurrences(of: "\"equal-shares-add1\"", with: "\"greedy\"")
        try greedy.write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BundleRecount.run(ward, out: TellerFixtures.temporaryDirectory())) { error in
            XCTAssertTrue("\(error)".contains("the `hash` of form `city/ward-1/vote` is not what the content gives"), "\(error)")
        }
        // Sealed again by the editor: consistent, but not the manifest the bundle says was counted.
        let resealed = try BallotManifest.decoder().decode(BallotManifest.self, from: Data(greedy.utf8)).sealed()
        try BallotManifest.encoder(pretty: true).encode(resealed).write(to: file)
        XCTAssertThrowsError(try BundleRecount.run(ward, out: TellerFixtures.temporaryDirectory())) { error in
            XCTAssertTrue("\(error)".contains("but bundle.json names"), "\(error)")
        }
        // A member the decoder ignores, which a seal computed on the decoded forms would not cover.
        let extra = try XCTUnwrap(String(data: original, encoding: .utf8)).replacingOccurrences(of: "\"kind\" : \"budget\"", with: "\"kind\" : \"budget\", \"quorum\" : 0")
        XCTAssertNotEqual(extra, String(data: original, encoding: .utf8))
        try extra.write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BundleRecount.run(ward, out: TellerFixtures.temporaryDirectory())) { error in
            XCTAssertTrue("\(error)".contains("a form holds a member, a null or a spelling that sitegen does not write"), "\(error)")
        }
        try original.write(to: file)
        XCTAssertNoThrow(try BundleRecount.run(ward, out: TellerFixtures.temporaryDirectory()))
    }

    func testABallotsFileThatIsEmptyOutOfOrderOrMisspeltIsRefusedWithItsLine() throws {
        let (_, petition) = try published()
        let file = petition.appendingPathComponent("ballots.jsonl")
        let original = try String(contentsOf: file, encoding: .utf8)
        let lines = original.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        for (text, reason) in [("", "empty, or its last line is cut"), (lines.reversed().joined(separator: "\n") + "\n", ":2: ballot"),
                               (lines[0] + "\n\n" + lines[1] + "\n", ":2: not a bundle ballot"), (lines[0] + "\n" + lines[0] + "\n", "listed twice"),
                               (original.replacingOccurrences(of: "\"identity_digest\":\"", with: "\"identity_digest\":\"A"), "is not 64 lowercase hex digits")] {
            try text.write(to: file, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try BundleRecount.run(petition, out: TellerFixtures.temporaryDirectory()), reason) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(reason): \(error)")
            }
        }
    }
}
