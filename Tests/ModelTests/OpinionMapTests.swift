import XCTest
@testable import Model

final class OpinionMapTests: XCTestCase {
    private let statements = (1...9).map { "s\($0)" }

    /// Camp A agrees with s1–s4 and disagrees with s5–s8, camp B the reverse; both agree with s9. Each participant
    /// passes on one statement so that the camps are tight but not single points.
    private func twoCamps() -> [OpinionVote] {
        var votes: [OpinionVote] = []
        for (camp, sign) in [("a", 1.0), ("b", -1.0)] {
            for member in 1...6 {
                let participant = "\(camp)\(member)"
                for (index, statement) in statements.enumerated() {
                    let stance: OpinionStance
                    if index == member % 8 { stance = .pass }
                    else if statement == "s9" { stance = .agree }
                    else { stance = (index < 4 ? sign : -sign) > 0 ? .agree : .disagree }
                    votes.append(OpinionVote(participant: participant, statement: statement, stance: stance))
                }
            }
        }
        votes.append(OpinionVote(participant: "lurker", statement: "s1", stance: .agree))
        return votes
    }

    func testTwoCampsAreFoundExactly() throws {
        let result = try OpinionMap.compute(votes: twoCamps(), statements: statements)
        XCTAssertEqual(result.participants, 12, "the lurker voted once, below min(7, 9)")
        XCTAssertEqual(result.minimumVotes, 7)
        XCTAssertEqual(Set(result.groups.map { Set($0.members) }), [Set((1...6).map { "a\($0)" }), Set((1...6).map { "b\($0)" })])
        XCTAssertEqual(result.groups.map(\.size), [6, 6])
        XCTAssertEqual(result.consensus.first?.statement, "s9")
        XCTAssertEqual(result.consensus.first?.stance, .agree)
        XCTAssertEqual(result.consensus.count, 1, "every other statement divides the camps")
        let campA = try XCTUnwrap(result.groups.first { $0.members.contains("a1") })
        XCTAssertEqual(campA.distinctive.count, 5, "at most five of the eight dividing statements")
        for statement in campA.distinctive {
            let index = Int(statement.statement.dropFirst())!
            XCTAssertEqual(statement.stance, index <= 4 ? .agree : .disagree, statement.statement)
            XCTAssertGreaterThan(statement.ratio, 1)
        }
        XCTAssertGreaterThan(result.explainedVariance[0], 0.8)
        XCTAssertGreaterThanOrEqual(result.explainedVariance[0], result.explainedVariance[1])
    }

    func testPrincipalComponentOfAHandComputedMatrix() throws {
        // Rows (1,1), (−1,−1) twice: the covariance is [[1,1],[1,1]], whose leading axis is (1,1)/√2 with all the variance.
        let votes = ["p1": OpinionStance.agree, "p2": .disagree, "p3": .agree, "p4": .disagree].flatMap { participant, stance in
            ["s1", "s2"].map { OpinionVote(participant: participant, statement: $0, stance: stance) }
        }
        let matrix = try VoteMatrix(votes: votes, statements: ["s1", "s2"])
        let components = PrincipalComponents(matrix: matrix)
        XCTAssertEqual(components.axes[0][0], 0.5.squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(components.axes[0][1], 0.5.squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(components.explainedVariance[0], 1, accuracy: 1e-9)
        XCTAssertEqual(components.explainedVariance[1], 0, accuracy: 1e-9)
        for (point, expected) in zip(components.points, [1.0, -1, 1, -1]) {
            XCTAssertEqual(point[0], expected * 2.0.squareRoot(), accuracy: 1e-9, "rows are p1…p4 in id order")
        }
    }

    func testAnUnseenStatementIsImputedWithItsMeanNotCountedAsDisagreement() throws {
        // a7 votes as a1 but never saw s9, which everyone who saw it agreed with: imputed with its mean, s9 moves a7
        // nowhere, and only the scaling √(statements / seen) tells the two apart.
        let votes = twoCamps() + twoCamps().filter { $0.participant == "a1" && $0.statement != "s9" }.map {
            OpinionVote(participant: "a7", statement: $0.statement, stance: $0.stance)
        }
        let result = try OpinionMap.compute(votes: votes, statements: statements)
        let a1 = try XCTUnwrap(result.points.first { $0.participant == "a1" }), a7 = try XCTUnwrap(result.points.first { $0.participant == "a7" })
        XCTAssertEqual(a7.x, a1.x * (9.0 / 8).squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(a7.y, a1.y * (9.0 / 8).squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(a7.group, a1.group)
    }

    func testModeratedOutStatementsCountTowardsTheMinimumButAreNotMapped() throws {
        // p votes on six statements and on the rejected m1: seven votes, as Pol.is counts them.
        let extra = statements.prefix(6).map { OpinionVote(participant: "p", statement: $0, stance: .agree) }
            + [OpinionVote(participant: "p", statement: "m1", stance: .disagree), OpinionVote(participant: "a1", statement: "m1", stance: .agree)]
        let result = try OpinionMap.compute(votes: twoCamps() + extra, statements: statements, moderatedOut: ["m1"])
        XCTAssertEqual(result.minimumVotes, 7)
        XCTAssertEqual(result.participants, 13, "the twelve of the camps and p")
        XCTAssertEqual(result.statements, 9)
        let named = result.groups.flatMap { $0.distinctive.map(\.statement) } + result.consensus.map(\.statement)
        XCTAssertFalse(named.contains("m1"))
        let without = try OpinionMap.compute(votes: twoCamps() + extra.filter { $0.statement != "m1" }, statements: statements)
        XCTAssertEqual(without.participants, 12, "p's six votes are below min(7, 9)")
        XCTAssertThrowsError(try OpinionMap.compute(votes: [], statements: statements, moderatedOut: ["s1"])) {
            XCTAssertEqual($0 as? OpinionError, .duplicateStatement("s1"))
        }
    }

    func testGroupsAreMadeOfAtMostAHundredBaseClusters() {
        var generator = SeededGenerator(seed: 7)
        let points = (0..<500).map { _ in [generator.nextUnit() * 10, generator.nextUnit() * 10] }
        let base = BaseClusters(points: points, seed: OpinionMap.seed)
        XCTAssertEqual(base.count, 100)
        XCTAssertEqual(base.sizes.reduce(0, +), 500)
        XCTAssertTrue(base.sizes.allSatisfy { $0 > 0 })
        for (point, cluster) in zip(points, base.clusterOfPoint) {
            let nearest = base.centres.indices.min { squared(point, base.centres[$0]) < squared(point, base.centres[$1]) }!
            XCTAssertEqual(squared(point, base.centres[cluster]), squared(point, base.centres[nearest]), accuracy: 1e-9)
        }
        XCTAssertEqual(BaseClusters(points: [[1, 1], [1, 1], [2, 2]], seed: OpinionMap.seed).sizes.sorted(), [1, 2],
                       "no more base clusters than distinct places")
    }

    private func squared(_ a: [Double], _ b: [Double]) -> Double {
        (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])
    }

    func testSameVotesGiveTheSameMapInAnyOrder() throws {
        let votes = twoCamps()
        let first = try OpinionMap.compute(votes: votes, statements: statements)
        XCTAssertEqual(try OpinionMap.compute(votes: votes, statements: statements), first)
        var generator = SeededGenerator(seed: 42)
        var shuffled = votes
        for index in shuffled.indices.reversed() where index > 0 {
            shuffled.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        XCTAssertEqual(try OpinionMap.compute(votes: shuffled, statements: statements), first)
    }

    func testWhoeverVotedOnEveryStatementThereWasAtAnUpdateStaysCounted() throws {
        // "early" reacted to the only two statements with votes then; Pol.is keeps them in as the other seven come.
        let early = ["s1", "s2"].map { OpinionVote(participant: "early", statement: $0, stance: .agree) }
        let result = try OpinionMap.compute(votes: early + twoCamps(), statements: statements)
        XCTAssertEqual(result.participants, 13)
        XCTAssertTrue(result.points.contains { $0.participant == "early" })
        let together = try OpinionMap.compute(votes: early + twoCamps(), statements: statements, updateEnds: [11])
        XCTAssertEqual(together.participants, 12, "in one update with a1's nine votes, two are below min(7, 9)")
    }

    func testTheLastVoteOnAStatementCounts() throws {
        let votes = [OpinionVote(participant: "p", statement: "s1", stance: .agree), OpinionVote(participant: "p", statement: "s1", stance: .disagree)]
        let matrix = try VoteMatrix(votes: votes, statements: ["s1"])
        XCTAssertEqual(matrix[0, 0], -1)
    }

    func testNoParticipantsGiveAnEmptyMap() throws {
        let result = try OpinionMap.compute(votes: [], statements: statements)
        XCTAssertEqual(result.participants, 0)
        XCTAssertEqual(result.groups, [])
        XCTAssertEqual(result.points, [])
        XCTAssertEqual(result.consensus, [])
        XCTAssertEqual(result.explainedVariance, [0, 0])
    }

    func testOneStatementSplitsAgreeFromDisagree() throws {
        let votes = (1...8).map { OpinionVote(participant: "p\($0)", statement: "only", stance: $0 <= 3 ? .agree : .disagree) }
        let result = try OpinionMap.compute(votes: votes, statements: ["only"])
        XCTAssertEqual(result.minimumVotes, 1)
        XCTAssertEqual(result.groups.map(\.members), [["p4", "p5", "p6", "p7", "p8"], ["p1", "p2", "p3"]])
        XCTAssertEqual(result.explainedVariance[0], 1, accuracy: 1e-9)
        XCTAssertEqual(result.explainedVariance[1], 0)
        XCTAssertEqual(result.groups[1].distinctive.map(\.stance), [.agree])
        XCTAssertEqual(result.consensus, [])
    }

    func testEveryonePassingIsOneGroupWithoutConsensus() throws {
        let votes = (1...5).flatMap { participant in
            statements.map { OpinionVote(participant: "p\(participant)", statement: $0, stance: .pass) }
        }
        let result = try OpinionMap.compute(votes: votes, statements: statements)
        XCTAssertEqual(result.groups.map(\.size), [5])
        XCTAssertEqual(result.groups[0].distinctive, [])
        XCTAssertEqual(result.consensus, [])
        XCTAssertEqual(result.explainedVariance, [0, 0])
        XCTAssertEqual(Set(result.points.map { [$0.x, $0.y] }), [[0, 0]])
    }

    func testUnknownAndRepeatedStatementsAreRefusedByName() {
        XCTAssertThrowsError(try OpinionMap.compute(votes: [OpinionVote(participant: "p", statement: "s99", stance: .agree)], statements: statements)) {
            XCTAssertEqual($0 as? OpinionError, .unknownStatement(statement: "s99", participant: "p"))
            XCTAssertTrue("\($0)".contains("s99"))
        }
        XCTAssertThrowsError(try OpinionMap.compute(votes: [], statements: ["s1", "s1"])) {
            XCTAssertEqual($0 as? OpinionError, .duplicateStatement("s1"))
        }
    }
}
