import XCTest
@testable import Model

final class FormTallyTests: XCTestCase {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func ballots(_ lists: [[String]]) -> [CountedBallot] {
        lists.enumerated().map { index, ids in
            CountedBallot(receipt: String(format: "%04d", index), items: ids.map { BallotItem($0.split(separator: ":").map(String.init)) },
                          receivedAt: t0.addingTimeInterval(Double(index) * 60))
        }
    }

    private func budget(_ rule: TallyRule, total: Int, costs: [(String, Int)], points: Int? = nil, threshold: Int? = nil) -> FormSpec {
        FormSpec(id: "city/vote", kind: .budget, title: ["en": "Vote"], space: "city", eligibility: .open,
                 options: costs.map { FormOption(id: $0.0, title: ["en": $0.0], cost: $0.1) },
                 constraints: FormConstraints(points: points), currency: "USD", tally: TallySettings(rule: rule, total: total, threshold: threshold))
    }

    private func count(_ form: FormSpec, _ lists: [[String]]) throws -> FormResult {
        let counted = ballots(lists)
        return try FormTally.count(form, ballots: counted, participation: Participation(submitted: counted.count, valid: counted.count, rejected: 0),
                                   countedAt: t0).result
    }

    func testGreedySkipsWhatNoLongerFitsAndSaysWhy() throws {
        let form = budget(.greedy, total: 100, costs: [("a", 50), ("b", 60), ("c", 30)])
        let result = try count(form, [["a", "b"], ["a", "b"], ["a", "c"], ["b"]])
        XCTAssertEqual(result.rule, "greedy")
        XCTAssertEqual(result.options.map(\.votes), [3, 3, 1])
        XCTAssertEqual(result.options.map(\.selected), [true, false, true])
        XCTAssertEqual(result.budget, BudgetUsage(total: 100, used: 80, currency: "USD"))
        XCTAssertEqual(result.options[1].reason, "does not fit: 50 left, costs 60; tied on 3 votes: a before b (lower cost)")
        XCTAssertTrue(result.notes!.contains(BudgetFormTally.tieBreakNote))
    }

    /// Issue 21, point 5: the result keeps each reason as data, so a page can word it in its own language.
    func testEachBudgetReasonIsAlsoWrittenAsData() throws {
        let form = budget(.greedy, total: 100, costs: [("a", 50), ("b", 60), ("c", 30)])
        let result = try count(form, [["a", "b"], ["a", "b"], ["a", "c"], ["b"]])
        let tie = TieWhy(round: nil, score: 3, kind: "votes", effectiveVotes: nil, order: ["a", "b"], decidedBy: ["lower cost"])
        XCTAssertEqual(result.options[0].why, OptionWhy(code: "selected", round: 1, score: 3, kind: "votes", ties: [tie]))
        XCTAssertEqual(result.options[1].why, OptionWhy(code: "does_not_fit", left: 50, cost: 60, ties: [tie]))
        XCTAssertEqual(result.options[2].why, OptionWhy(code: "selected", round: 2, score: 1, kind: "votes", ties: []))
        let json = String(decoding: try CanonicalJSON.pretty(result), as: UTF8.self)
        XCTAssertTrue(json.contains(#""why": {"#), json)
        XCTAssertTrue(json.contains(#""decided_by": ["#), json)

        let noSkip = try count(budget(.greedyNoSkip, total: 60, costs: [("a", 50), ("b", 20), ("c", 5)]), [["a"], ["a"], ["b"]])
        XCTAssertEqual(noSkip.options[1].why, OptionWhy(code: "stops_counting", left: 10, cost: 20, ties: []))
        XCTAssertEqual(noSkip.options[2].why?.code, "not_reached")
        XCTAssertEqual(noSkip.options[2].why?.stoppedAt, "b")
        // 30 a voter: a's two supporters pay 25 each in round 1; c's one supporter holds 30 of its 80 in round 2.
        let shares = try count(budget(.equalShares, total: 90, costs: [("a", 50), ("b", 50), ("c", 80)]), [["a"], ["a"], ["c"]])
        XCTAssertEqual(shares.options[0].why, OptionWhy(code: "selected_equal_shares", round: 1, effectiveVotes: "2.00", maxPayment: "25.00", ties: []))
        XCTAssertEqual(shares.options[1].why, OptionWhy(code: "no_votes", ties: []))
        XCTAssertEqual(shares.options[2].why, OptionWhy(code: "supporters_cannot_afford", round: 2, cost: 80, held: "30.00", ties: []))
    }

    func testGreedyNoSkipStopsAndThresholdExcludes() throws {
        let costs = [("a", 50), ("b", 60), ("c", 30)]
        let lists = [["a", "b"], ["a", "b"], ["a", "c"], ["b"]]
        let noSkip = try count(budget(.greedyNoSkip, total: 100, costs: costs), lists)
        XCTAssertEqual(noSkip.options.map(\.selected), [true, false, false])
        XCTAssertEqual(noSkip.options[2].reason, "not reached: counting stopped at b")
        let threshold = try count(budget(.greedyThreshold, total: 100, costs: costs, threshold: 2), lists)
        XCTAssertEqual(threshold.options.map(\.selected), [true, false, false])
        XCTAssertEqual(threshold.options[2].reason, "below the threshold: 1 votes, needs 2")
    }

    func testEqualSharesGivesEachGroupItsShareAndStatesEffectiveVotes() throws {
        // Three voters like a and b, one likes only c: greedy funds a and b, Equal Shares gives c's voter their quarter.
        let costs = [("a", 40), ("b", 40), ("c", 25)]
        let lists = [["a", "b"], ["a", "b"], ["a", "b"], ["c"]]
        let greedy = try count(budget(.greedy, total: 100, costs: costs), lists)
        XCTAssertEqual(greedy.options.map(\.selected), [true, true, false])
        let shares = try count(budget(.equalSharesAdd1, total: 100, costs: costs), lists)
        XCTAssertEqual(shares.rule, "equal-shares-add1")
        XCTAssertEqual(shares.options.map(\.selected), [true, false, true])
        XCTAssertTrue(shares.options[2].reason!.contains("under Equal Shares with an effective vote count of"), shares.options[2].reason!)
        XCTAssertTrue(shares.notes!.contains { $0.hasPrefix("Add1:") }, "\(shares.notes!)")
    }

    func testCumulativeBallotsRankByPoints() throws {
        let form = budget(.greedy, total: 100, costs: [("a", 60), ("b", 60)], points: 10)
        let result = try count(form, [["a:1", "b:9"], ["a:2", "b:8"], ["a:10"]])
        XCTAssertEqual(result.options.map(\.votes), [3, 2])
        XCTAssertEqual(result.options.map(\.score), [13, 17])
        XCTAssertEqual(result.options.map(\.selected), [false, true])
    }

    func testSupportsHonourTheMinimumTheThresholdAndAccumulation() throws {
        var form = FormSpec(id: "ideas/supports", kind: .supports, title: [:], space: "ideas", eligibility: .open,
                            options: ["x", "y", "z"].map { FormOption(id: $0, title: [:]) },
                            constraints: FormConstraints(minSupportsPerParticipant: 2, threshold: 2, accumulate: true))
        let lists = [["x", "y"], ["x", "y"], ["x", "z"], ["z"]]
        var result = try count(form, lists)
        XCTAssertEqual(result.options.map(\.votes), [3, 2, 1])
        XCTAssertEqual(result.options.map(\.selected), [true, true, false])
        XCTAssertEqual(result.options[0].reason, "reached the threshold of 2 supports on " + UTCSecond.format(t0.addingTimeInterval(60)))
        XCTAssertEqual(result.options[2].reason, "1 supports, 1 short of the threshold of 2")
        XCTAssertEqual(result.notes?.first, "1 participants gave fewer than 2 supports; theirs do not count")
        form.constraints.accumulate = false
        result = try count(form, lists)
        XCTAssertEqual(result.options.map(\.votes), [2, 2, 1])
    }

    func testPetitionsDateEachThresholdByTheSignatureThatReachedIt() throws {
        let form = FormSpec(id: "p/sign", kind: .petition, title: [:], space: "p", eligibility: .open,
                            thresholds: [Threshold(count: 3, consequence: [:]), Threshold(count: 2, consequence: [:]), Threshold(count: 5, consequence: [:])])
        let result = try count(form, [[], [], []])
        XCTAssertEqual(result.signatures, 3)
        XCTAssertEqual(result.thresholds, [ThresholdResult(count: 2, reachedAt: t0.addingTimeInterval(60)),
                                           ThresholdResult(count: 3, reachedAt: t0.addingTimeInterval(120)), ThresholdResult(count: 5)])
    }

    func testSurveysCountChoicesMatrixCellsFirstRanksAndSetTextAside() throws {
        let form = FormSpec(id: "s/answers", kind: .survey, title: [:], space: "s", eligibility: .open, questions: [
            SurveyQuestion(id: "mode", kind: .single, title: [:], choices: ["walk", "bike"]),
            SurveyQuestion(id: "grid", kind: .matrix, title: [:], choices: ["yes", "no"], rows: ["r1"]),
            SurveyQuestion(id: "rank", kind: .ranking, title: [:], choices: ["x", "y"]),
            SurveyQuestion(id: "say", kind: .longText, title: [:]),
        ])
        let counted = ballots([["mode:walk", "grid:r1:yes", "rank:1:x", "rank:2:y", "say:Shade, please"], ["mode:walk"], ["mode:bike", "rank:1:y"]])
        let count = try FormTally.count(form, ballots: counted, participation: Participation(submitted: 3, valid: 3, rejected: 0), countedAt: t0)
        XCTAssertEqual(count.result.questions, [
            QuestionResult(id: "mode", answered: 3, counts: ["walk": 2, "bike": 1]),
            QuestionResult(id: "grid", answered: 1, counts: ["r1:yes": 1]),
            QuestionResult(id: "rank", answered: 2, counts: ["x": 1, "y": 1]),
            QuestionResult(id: "say", answered: 1, counts: [:]),
        ])
        XCTAssertEqual(count.textAnswers, [TextAnswer(receipt: "0000", question: "say", text: "Shade, please")])
        XCTAssertEqual(String(decoding: ResultFiles.csv(count.textAnswers), as: UTF8.self),
                       "receipt,question,answer\r\n0000,say,\"Shade, please\"\r\n")
    }

    func testAFormExportsToPabulibAndCountsTheSameThere() throws {
        let form = budget(.equalSharesAdd1, total: 100, costs: [("a", 40), ("b", 40), ("c", 25)])
        let counted = ballots([["a", "b"], ["a", "b"], ["a", "b"], ["c"]])
        let text = try PBElection(form: form, ballots: counted, language: "en").pabulibText()
        let election = try PBElection(pabulibText: text)
        XCTAssertEqual(election.rule, "equalshares/add1")
        XCTAssertEqual(election.voters.count, 4)
        let direct = try count(form, [["a", "b"], ["a", "b"], ["a", "b"], ["c"]])
        XCTAssertEqual(Set(try election.tally().selected), Set(direct.options.filter { $0.selected == true }.map(\.id)))
    }

    func testResultBytesAreTheSameForTheSameCount() throws {
        let form = budget(.greedy, total: 100, costs: [("a", 60), ("b", 50)])
        let first = try ResultFiles.json(try count(form, [["a"], ["b"], ["a"]]))
        let second = try ResultFiles.json(try count(form, [["a"], ["b"], ["a"]]))
        XCTAssertEqual(first, second)
        XCTAssertTrue(String(decoding: first, as: UTF8.self).hasSuffix("}\n"))
    }
}
