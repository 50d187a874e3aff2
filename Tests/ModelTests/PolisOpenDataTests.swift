import Foundation
import XCTest
@testable import Model

/// The opinion map on four real Pol.is conversations (`../shared/data/polis`), against the groups Pol.is's own math
/// found (`group-id` in `participants-votes.csv`).
final class PolisOpenDataTests: XCTestCase {
    /// Each conversation with the ARI of the plain scikit-learn reference against Pol.is's groups and the number of
    /// groups Pol.is found; `Benchmarks/opinions-vs-polis.sh` recomputes the reference (printed to four decimals,
    /// written here rounded down).
    private static let conversations: [(name: String, reference: Double, polisGroups: Int)] = [
        ("15-per-hour-seattle", 0.7760, 2),
        ("brexit-consensus", 0.6355, 2),
        ("football-concussions", 0.1588, 2),
        ("london.youth.policing", 0.1776, 3),
    ]

    /// `../shared/data/polis` beside the repository.
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/polis")

    private struct Mapped {
        let result: OpinionResult
        /// Participant → Pol.is's group, for those Pol.is placed in one.
        let polisGroups: [String: String]
        let moderatedOut: Set<String>
    }

    /// Mapped once for all tests: the largest conversation has 1 487 participants.
    private static let mapped: [String: Result<Mapped, Error>] = Dictionary(uniqueKeysWithValues: conversations.map { conversation in
        (conversation.name, Result { try map(conversation.name) })
    })

    private static func map(_ name: String) throws -> Mapped {
        let directory = folder.appendingPathComponent(name)
        func text(_ file: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) }
        let conversation = try PolisConversation(comments: try text("comments.csv"), commentsFile: "\(name)/comments.csv",
                                                 votes: try text("votes.csv"), votesFile: "\(name)/votes.csv")
        let table = try CommaSeparatedValues(try text("participants-votes.csv"), file: "\(name)/participants-votes.csv")
        let columns = try table.columns(["participant", "group-id"])
        var polisGroups: [String: String] = [:]
        for row in table.rows {
            let group = try table.field(row, columns[1])
            if !group.isEmpty { polisGroups[try table.field(row, columns[0])] = group }
        }
        return Mapped(result: try conversation.map(), polisGroups: polisGroups, moderatedOut: Set(conversation.moderatedOut.map(\.id)))
    }

    private func mapped(_ name: String) throws -> Mapped {
        try XCTUnwrap(Self.mapped[name], "\(name) is not among the conversations").get()
    }

    private func adjustedRandIndex(_ mapped: Mapped) -> Double {
        let both = mapped.result.points.filter { mapped.polisGroups[$0.participant] != nil }
        return AdjustedRandIndex.of(both.map(\.group), both.map { mapped.polisGroups[$0.participant]! })
    }

    func testGroupsAgreeWithPolisAtLeastAsWellAsThePlainReference() throws {
        for conversation in Self.conversations {
            let mapped = try mapped(conversation.name)
            XCTAssertGreaterThan(mapped.result.points.filter { mapped.polisGroups[$0.participant] != nil }.count, 20, conversation.name)
            XCTAssertGreaterThanOrEqual(adjustedRandIndex(mapped), conversation.reference, conversation.name)
        }
    }

    /// Pol.is's number of groups where the final votes decide it. Two differ, for reasons in docs/RESULTS.md: on
    /// football-concussions Pol.is grouped 1 434 participants, 842 of them with fewer than 7 votes, which no replay
    /// of its rules gives; on london.youth.policing its group-k-buffer would give 3, but those 3 groups agree with
    /// Pol.is's less than the plain reference does.
    func testTheNumberOfGroupsIsPolissWhereTheFinalVotesDecideIt() throws {
        for conversation in Self.conversations.prefix(2) {
            XCTAssertEqual(try mapped(conversation.name).result.groups.count, conversation.polisGroups, conversation.name)
        }
        XCTAssertEqual(try mapped("football-concussions").result.groups.count, 4, "the best silhouette; Pol.is: 2")
        XCTAssertEqual(try mapped("london.youth.policing").result.groups.count, 4, "the best silhouette; Pol.is: 3")
    }

    func testEveryCountedParticipantIsInOneGroupWithWhatDividesAndUnitesThem() throws {
        for conversation in Self.conversations {
            let result = try mapped(conversation.name).result
            let members = result.groups.flatMap(\.members)
            XCTAssertEqual(members.count, result.participants, conversation.name)
            XCTAssertEqual(Set(members), Set(result.points.map(\.participant)), conversation.name)
            XCTAssertEqual(result.groups.map(\.size), result.groups.map(\.members.count), conversation.name)
            XCTAssertEqual(result.groups.map(\.size), result.groups.map(\.size).sorted(by: >), conversation.name)
            for point in result.points {
                XCTAssertTrue(result.groups[point.group].members.contains(point.participant), "\(conversation.name) \(point.participant)")
            }
            XCTAssertTrue(result.groups.allSatisfy { !$0.distinctive.isEmpty }, "\(conversation.name): every group has distinctive statements")
            XCTAssertFalse(result.consensus.isEmpty, "\(conversation.name): consensus statements")
        }
    }

    func testModeratedOutCommentsAreNotMapped() throws {
        let mapped = try mapped("15-per-hour-seattle")
        XCTAssertEqual(mapped.moderatedOut.count, 23)
        XCTAssertEqual(mapped.result.statements, 31, "54 comments, 23 moderated out")
        XCTAssertEqual(mapped.result.participants, 138, "the participants Pol.is clustered: votes on moderated-out comments count towards 7")
        let named = mapped.result.groups.flatMap { $0.distinctive.map(\.statement) } + mapped.result.consensus.map(\.statement)
        XCTAssertFalse(named.isEmpty)
        XCTAssertTrue(mapped.moderatedOut.isDisjoint(with: named), "\(named)")
    }
}
