@testable import CollectorKit
import Foundation
import Model
import XCTest

/// An opinion conversation from signed reactions to its published map: one ballot per reaction, linked by the key.
final class OpinionCountTests: XCTestCase {
    private let statements = (1...8).map { "s\($0)" }
    private lazy var form = FormSpec(id: "schools/conversation/opinions", kind: .opinion, title: ["en": "Conversation"], space: "schools",
                                     eligibility: .open, options: statements.map { FormOption(id: $0, title: ["en": "Statement \($0)"]) })

    /// Camp A agrees with s1…s4 and disagrees with s5…s7, camp B the other way round, and everyone agrees with s8.
    /// Each reaction is its own ballot, signed with the participant's key.
    private func reactions() -> (records: [SubmissionRecord], replaced: SubmissionRecord) {
        var records: [SubmissionRecord] = []
        var nonce: UInt8 = 0
        for participant in 0..<6 {
            let key = TellerFixtures.key(UInt8(40 + participant))
            for (index, statement) in statements.enumerated() {
                let campA = participant < 3
                let stance = index == 7 ? "agree" : (index < 4) == campA ? "agree" : "disagree"
                nonce &+= 1
                records.append(TellerFixtures.record(form, [BallotItem([statement, stance])], key: key, nonce: nonce,
                                                     issued: Fixtures.now.addingTimeInterval(Double(index))))
            }
        }
        // Participant 0 first disagreed with s1, then changed their mind: the earlier reaction is set aside.
        let replaced = TellerFixtures.record(form, [BallotItem(["s1", "disagree"])], key: TellerFixtures.key(40), nonce: 250,
                                             issued: Fixtures.now.addingTimeInterval(-600))
        return (records + [replaced], replaced)
    }

    func testEachReactionCountsOncePerStatementAndTheMapFindsBothCamps() throws {
        let (records, replaced) = reactions()
        let inputs = try TellerFixtures.inputs([form])
        let verification = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: VerifySettings()).verify(records)
        let verdicts = Dictionary(uniqueKeysWithValues: zip(verification.records.map(\.receipt), verification.verdicts.map(\.verdict)))
        XCTAssertEqual(verdicts[replaced.receipt], .superseded, "the older reaction to the same statement still counts")
        XCTAssertEqual(verdicts.values.filter { $0 == .valid }.count, 48, "reactions to different statements must not supersede each other")

        let counts = try TallyRun.count(verification, inputs: inputs, stamp: CountStamp(countedAt: Fixtures.now, auditURL: nil))
        let result = try XCTUnwrap(counts.first { $0.result.form == form.id }?.result)
        XCTAssertEqual(result.questions.first { $0.id == "s1" }?.counts, ["agree": 3, "disagree": 3])
        let map = try XCTUnwrap(result.opinionMap, "\(result.notes ?? [])")
        XCTAssertEqual(map.participants, 6)
        XCTAssertEqual(map.groups.map(\.size), [3, 3])
        let campA = Set((0..<3).map { TellerFixtures.key(UInt8(40 + $0)).publicKey })
        XCTAssertTrue(map.groups.contains { Set($0.members) == campA }, "camp A is not one group")
        XCTAssertEqual(map.consensus.first?.statement, "s8")
        XCTAssertEqual(map.consensus.first?.stance, .agree)

        // The published JSON carries the map, and reads back the same.
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        XCTAssertEqual(try decoder.decode(FormResult.self, from: ResultFiles.json(result)).opinionMap, map)
    }

    func testTooFewParticipantsGiveCountsAndANoteInsteadOfAMap() throws {
        let key = TellerFixtures.key(60)
        let records = statements.enumerated().map { index, statement in
            TellerFixtures.record(form, [BallotItem([statement, "agree"])], key: key, nonce: UInt8(index + 1))
        }
        let inputs = try TellerFixtures.inputs([form])
        let verification = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: VerifySettings()).verify(records)
        let result = try XCTUnwrap(try TallyRun.count(verification, inputs: inputs, stamp: CountStamp(countedAt: Fixtures.now, auditURL: nil)).first?.result)
        XCTAssertNil(result.opinionMap)
        XCTAssertEqual(result.notes, ["opinion groups: 1 participant(s) reacted to at least 7 statements; at least 2 are needed"])
        XCTAssertEqual(result.questions.first?.counts, ["agree": 1])
    }

    func testThePolisExportMapsToTheSameGroups() throws {
        let (records, _) = reactions()
        let inputs = try TellerFixtures.inputs([form])
        let verification = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: VerifySettings()).verify(records)
        let (comments, votes) = try PolisExport.files(form: form.id, verification: verification, manifest: inputs.manifest)
        XCTAssertTrue(comments.hasPrefix("timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"), comments)
        let conversation = try PolisConversation(comments: comments, commentsFile: "comments.csv", votes: votes, votesFile: "votes.csv")
        XCTAssertEqual(conversation.votes.count, 48, "every valid reaction; the replaced one was set aside by verify")
        let fromPolis = try OpinionMap.compute(votes: conversation.votes, statements: conversation.statementIds)
        let counted = try TallyRun.count(verification, inputs: inputs, stamp: CountStamp(countedAt: Fixtures.now, auditURL: nil))
        XCTAssertEqual(fromPolis, counted.first?.result.opinionMap)
        XCTAssertThrowsError(try PolisExport.files(form: "nowhere", verification: verification, manifest: inputs.manifest))
    }
}
