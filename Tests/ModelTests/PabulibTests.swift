import XCTest
@testable import Model

final class PabulibTests: XCTestCase {
    // MARK: - Reading

    private static let small = #"""
        META
        key;value
        description;Test
        num_projects;3
        num_votes;4
        budget;100
        vote_type;approval
        rule;greedy
        PROJECTS
        project_id;cost;votes;name;selected;category
        1;60;3;"Park; with ""quotes""";1;green
        2;50;2;Bikes;0;
        3;40;1;Bench;1;green
        VOTES
        voter_id;vote;age
        v1;1,2;30
        v2;1;41
        v3;1,2,3;
        v4;;25
        """#

    func testReadsAllThreeSections() throws {
        let election = try PBElection(pabulibText: Self.small)
        XCTAssertEqual(election.metaOrder, ["description", "num_projects", "num_votes", "budget", "vote_type", "rule"])
        XCTAssertEqual(election.budget, 100)
        XCTAssertEqual(election.voteType, .approval)
        XCTAssertEqual(election.rule, "greedy")
        XCTAssertEqual(election.projectColumns, ["project_id", "cost", "votes", "name", "selected", "category"])
        XCTAssertEqual(election.projects[0], PBProject(id: "1", cost: 60, name: "Park; with \"quotes\"", votes: 3,
                                                       selected: 1, fields: ["category": "green"]))
        XCTAssertEqual(election.projects[1].fields, ["category": ""])
        XCTAssertEqual(election.voters.map(\.vote), [["1", "2"], ["1"], ["1", "2", "3"], []])
        XCTAssertEqual(election.voters[1].fields, ["age": "41"])
        XCTAssertEqual(election.officiallySelected, ["1", "3"])
    }

    func testAcceptsByteOrderMarkCRLFBlankLinesAndPadding() throws {
        let text = "\u{FEFF}META\r\nkey;value\r\nbudget; 10 \r\n\r\nPROJECTS\r\nproject_id;cost\r\n a ;4\r\n"
            + "VOTES\r\nvoter_id;vote\r\nx;a\r\n"
        let election = try PBElection(pabulibText: text)
        XCTAssertEqual(election.budget, 10)
        XCTAssertEqual(election.projects.map(\.id), ["a"])
        XCTAssertEqual(election.voters.map(\.vote), [["a"]])
    }

    func testReadsPointsAndKeepsLineBreaksInsideQuotes() throws {
        let text = """
            META
            key;value
            budget;10
            vote_type;cumulative
            PROJECTS
            project_id;cost;name
            a;4;"two
            lines"
            b;5;plain
            VOTES
            voter_id;vote;points
            x;b,a;2,1
            """
        let election = try PBElection(pabulibText: text)
        XCTAssertEqual(election.projects[0].name, "two\nlines")
        XCTAssertEqual(election.voters[0].points, [2, 1])
    }

    private static let base = [
        "META", "key;value", "budget;100", "vote_type;approval", "PROJECTS", "project_id;cost;name",
        "1;60;Park", "2;50;Bikes", "VOTES", "voter_id;vote", "v1;1,2", "v2;2",
    ]

    /// `base` with line `number` (1-based) replaced; nil removes it.
    private func base(_ number: Int, _ replacement: String?) -> String {
        var lines = Self.base
        if let replacement { lines[number - 1] = replacement } else { lines.remove(at: number - 1) }
        return lines.joined(separator: "\n")
    }

    func testEachErrorNamesItsLine() {
        let cases: [(String, Int, String)] = [
            (base(8, "2;50"), 8, "PROJECTS row has 2 fields, header has 3"),
            (base(12, "v2;7"), 12, "vote of 'v2' names unknown project '7'"),
            (base(11, "v1;1,1"), 11, "vote of 'v1' lists project '1' twice"),
            (base(12, "v1;2"), 12, "voter 'v1' appears twice"),
            (base(12, "v2;2;x"), 12, "VOTES row has 3 fields, header has 2"),
            (base(3, nil), 1, "META has no budget"),
            (base(3, "budget;lots"), 3, "budget 'lots' is not a number"),
            (base(3, "budget;100;EUR"), 3, "META row has 3 fields, expected 2 (key;value)"),
            (base(4, "budget;200"), 4, "META key 'budget' appears twice"),
            (base(4, "vote_type;majority"), 4,
             "vote_type 'majority' is not one of approval, ordinal, cumulative, scoring, choose-1"),
            (base(4, "num_votes;3"), 4, "num_votes is 3 but VOTES has 2 rows"),
            (base(4, "num_projects;two"), 4, "num_projects 'two' is not an integer"),
            (base(2, "name;value"), 2, "META header must be key;value, found 'name;value'"),
            (base(1, "hello"), 1, "expected META, found 'hello'"),
            (base(5, "VOTES"), 5, "found VOTES, expected PROJECTS"),
            (base(6, "project_id;price;name"), 6, "PROJECTS header has no cost column"),
            (base(6, "project_id;cost;cost"), 6, "PROJECTS header names column 'cost' twice"),
            (base(8, "1;50;Bikes"), 8, "project '1' appears twice"),
            (base(8, "2;fifty;Bikes"), 8, "cost 'fifty' of project '2' is not a non-negative number"),
            (base(8, "2;-5;Bikes"), 8, "cost '-5' of project '2' is not a non-negative number"),
            (base(7, "1;60;\"Park"), 7, "a quoted field is never closed"),
            (base(7, "1;60;\"Park\"s"), 7, "unexpected text after a closing quote"),
            (base(4, "vote_type;cumulative"), 10, "VOTES header has no points column (needed for cumulative ballots)"),
            (Self.base[0..<8].joined(separator: "\n"), 8, "the file ends before VOTES"),
            (Self.base[0..<9].joined(separator: "\n"), 9, "the file ends before the VOTES header"),
            (base(6, "VOTES"), 6, "PROJECTS has no header line"),
        ]
        for (text, line, message) in cases {
            XCTAssertThrowsError(try PBElection(pabulibText: text), message) { error in
                XCTAssertEqual(error as? PabulibError, PabulibError(line: line, message))
            }
        }
    }

    func testPointErrors() {
        var lines = Self.base
        lines[3] = "vote_type;cumulative"
        lines[9] = "voter_id;vote;points"
        lines[10] = "v1;1,2;3"
        lines[11] = "v2;2;x"
        let expected = PabulibError(line: 11, "vote of 'v1' lists 2 projects but 1 points")
        XCTAssertThrowsError(try PBElection(pabulibText: lines.joined(separator: "\n"))) {
            XCTAssertEqual($0 as? PabulibError, expected)
            XCTAssertEqual("\($0)", "line 11: vote of 'v1' lists 2 projects but 1 points")
        }
        lines[10] = "v1;1,2;2,1"
        XCTAssertThrowsError(try PBElection(pabulibText: lines.joined(separator: "\n"))) {
            XCTAssertEqual($0 as? PabulibError, PabulibError(line: 12, "points 'x' of 'v2' are not all integers"))
        }
    }

    // MARK: - Writing

    func testRoundTripOfHandWrittenFile() throws {
        let election = try PBElection(pabulibText: Self.small)
        let text = election.pabulibText()
        XCTAssertTrue(text.contains("1;60;3;\"Park; with \"\"quotes\"\"\";1;green\n"))
        XCTAssertEqual(try PBElection(pabulibText: text), election)
    }

    func testWriterRecountsAndCompletesHeaders() throws {
        var election = try PBElection(pabulibText: Self.small)
        election.voters.removeLast()
        XCTAssertTrue(election.pabulibText().contains("\nnum_votes;3\n"))

        let built = PBElection(meta: ["budget": "9", "vote_type": "cumulative"],
                               projects: [PBProject(id: "a", cost: Decimal(string: "2.5")!, name: " padded")],
                               voters: [PBVoter(id: "x", vote: ["a"], points: [3], fields: ["sex": "F"])])
        let read = try PBElection(pabulibText: built.pabulibText())
        XCTAssertEqual(read.projectColumns, ["project_id", "cost", "name"])
        XCTAssertEqual(read.voterColumns, ["voter_id", "vote", "points", "sex"])
        XCTAssertEqual(read.projects, built.projects)
        XCTAssertEqual(read.voters, built.voters)
    }

    // MARK: - Greedy

    /// A 60 (5 votes), B 50 (4), C 40 (3), D 10 (1); budget 100.
    private func fourProjects() throws -> BudgetProblem {
        try problem(["A": 60, "B": 50, "C": 40, "D": 10], budget: 100,
                    ballots: [["A", "B", "C", "D"], ["A", "B", "C"], ["A", "B", "C"], ["A", "B"], ["A"]])
    }

    func testGreedySkipsWhatNoLongerFits() throws {
        // A: 100 - 60 = 40 left; B (50) does not fit; C: 40 - 40 = 0 left; D (10) does not fit.
        let outcome = try fourProjects().greedy()
        XCTAssertEqual(outcome.selected, ["A", "C"])
        XCTAssertEqual(outcome.totalCost, 100)
        XCTAssertEqual(outcome.projects.map(\.explanation), [
            "selected in round 1 with 5 votes", "does not fit: 40 left, costs 50",
            "selected in round 2 with 3 votes", "does not fit: 0 left, costs 10",
        ])
        XCTAssertEqual(outcome.rule, "greedy by votes")
    }

    func testGreedyThatStopsAtTheFirstMisfit() throws {
        // A: 40 left; B (50) does not fit and counting stops: C and D are never reached.
        let outcome = try fourProjects().greedy(GreedyOptions(stopsAtFirstMisfit: true))
        XCTAssertEqual(outcome.selected, ["A"])
        XCTAssertEqual(outcome.result(for: "B")?.explanation, "does not fit: 40 left, costs 50; counting stops here")
        XCTAssertEqual(outcome.result(for: "D")?.explanation, "not reached: counting stopped at B")
    }

    func testGreedyPassesOverTheUnrealizableMarkerWithoutStopping() throws {
        // E has the most votes (6) but Pabulib's marker cost; then A (5) fits, B (4) stops the count.
        let problem = try self.problem(["A": 60, "B": 50, "E": 999_999_999], budget: 100,
                                       ballots: Array(repeating: ["A", "B", "E"], count: 4) + [["A", "E"], ["E"]])
        let outcome = problem.greedy(GreedyOptions(stopsAtFirstMisfit: true, unrealizableCost: 999_999_999))
        XCTAssertEqual(outcome.selected, ["A"])
        XCTAssertEqual(outcome.result(for: "E")?.reason, .notCarriedOut(cost: 999_999_999))
    }

    func testGreedyWithThreshold() throws {
        // Threshold 4 leaves A (5) and B (4): A fits, B does not (40 left).
        let outcome = try fourProjects().greedy(GreedyOptions(threshold: 4))
        XCTAssertEqual(outcome.selected, ["A"])
        XCTAssertEqual(outcome.result(for: "C")?.explanation, "below the threshold: 3 votes, needs 4")
        XCTAssertEqual(outcome.rule, "greedy by votes, threshold 4")
    }

    func testGreedyTiesAreBrokenAndStated() throws {
        // X 30, Y 20, Z 20, all on 2 votes, budget 50. Standard: lower cost puts Y and Z before X, lower id Y
        // before Z. Y: 30 left, Z: 10 left, X does not fit.
        let problem = try self.problem(["X": 30, "Y": 20, "Z": 20], budget: 50,
                                       ballots: [["X", "Y", "Z"], ["X", "Y", "Z"]])
        let outcome = problem.greedy()
        XCTAssertEqual(outcome.selected, ["Y", "Z"])
        XCTAssertEqual(outcome.ties, [TieRecord(round: nil, equal: .score(2, .votes), order: ["Y", "Z", "X"],
                                                decidedBy: [.lowerID, .lowerCost])])
        XCTAssertEqual(outcome.ties[0].description, "tied on 2 votes: Y before Z (lower id) before X (lower cost)")
        XCTAssertEqual(outcome.result(for: "X")?.tie, outcome.ties[0].description)
        // Higher cost first: X (20 left), then Y (0 left), Z does not fit.
        XCTAssertEqual(problem.greedy(GreedyOptions(tieBreak: [.higherCost, .lowerID])).selected, ["X", "Y"])
    }

    func testCumulativeBallotsRankByPoints() throws {
        // A: 1 vote, 3 points; B: 2 votes, 2 points; C: 1 vote, 1 point. Budget 100.
        // By points: A (40 left), B (50) does not fit, C (40) fits. By votes: B (50 left), then A and C tie on
        // 1 vote, C is cheaper: C (10 left), A does not fit.
        let election = try PBElection(pabulibText: """
            META
            key;value
            budget;100
            vote_type;cumulative
            PROJECTS
            project_id;cost
            A;60
            B;50
            C;40
            VOTES
            voter_id;vote;points
            1;A;3
            2;B,C;1,1
            3;B;1
            """)
        let problem = try election.budgetProblem()
        XCTAssertEqual(problem.points, [3, 2, 1])
        XCTAssertEqual(problem.greedy().selected, ["A", "C"])
        XCTAssertEqual(problem.greedy(GreedyOptions(rankBy: .votes)).selected, ["B", "C"])
    }

    func testOrdinalBallotsScoreByRank() throws {
        // max_length 3: ranks 1, 2, 3 give 3, 2, 1 points (Kraków). A: 3 + 2 = 5; B: 2 + 3 = 5; C: 1.
        let election = try PBElection(pabulibText: """
            META
            key;value
            budget;10
            vote_type;ordinal
            max_length;3
            PROJECTS
            project_id;cost
            A;1
            B;1
            C;1
            VOTES
            voter_id;vote
            1;A,B,C
            2;B,A
            """)
        XCTAssertEqual(try election.budgetProblem().points, [5, 5, 1])
    }

    // MARK: - Equal Shares

    func testEqualSharesSplitsCostsAndLetsPoorVotersPayWhatTheyHave() throws {
        // Budget 39, 3 voters: 13 each. P1 20 {v1, v2}, P2 12 {v2, v3}, P3 9 {v3}.
        // Round 1: P1 10 each, P2 6 each (both an effective vote count of 2), P3 9 (1). P1 and P2 tie on votes;
        //   P2 is cheaper and wins. v2 and v3 keep 7.
        // Round 2: P1 needs 20 from v1 (13) + v2 (7): v2 pays all 7, v1 pays 13; effective 20 / 13 = 1.54.
        // Round 3: P3 needs 9, v3 holds 7: dropped. (Round 2 did not look at P3: its round-1 price of 1 was
        //   already worse than P1's 0.65, and prices only rise.)
        let problem = try self.problem(["P1": 20, "P2": 12, "P3": 9], budget: 39,
                                       ballots: [["P1"], ["P1", "P2"], ["P2", "P3"]])
        let outcome = problem.equalShares(EqualSharesOptions(add1: nil))
        XCTAssertEqual(outcome.selected, ["P2", "P1"])
        XCTAssertEqual(outcome.totalCost, 32)
        XCTAssertEqual(outcome.projects.map(\.reason.description), [
            "selected in round 2 under Equal Shares with an effective vote count of 1.54 (no supporter paid more than 13.00)",
            "selected in round 1 under Equal Shares with an effective vote count of 2.00 (no supporter paid more than 6.00)",
            "under Equal Shares its supporters held 7.00 in round 3, it costs 9",
        ])
        XCTAssertEqual(outcome.ties.map(\.description),
                       ["round 1: tied on an effective vote count of 2.00: P2 before P1 (lower cost)"])
    }

    func testEqualSharesTieIsNotDecidedByRounding() throws {
        // 3 voters with 3 each back A (6) and B (5). Both cost each supporter a third of the price, but in
        // floating point (5 / 3) / 5 > (6 / 3) / 6. The tie goes to the cheaper B; then each holds 4/3, 4 in all,
        // short of A's 6.
        let problem = try self.problem(["A": 6, "B": 5], budget: 9, ballots: Array(repeating: ["A", "B"], count: 3))
        let outcome = problem.equalShares(EqualSharesOptions(add1: nil))
        XCTAssertEqual(outcome.selected, ["B"])
        XCTAssertEqual(outcome.ties.first?.decidedBy, [.lowerCost])
        XCTAssertEqual(outcome.result(for: "A")?.reason.description,
                       "under Equal Shares its supporters held 4.00 in round 2, it costs 6")
    }

    /// P1 10 {v1}, P2 5 {nobody}, P3 30 {v1, v3}; v2 hands in an empty ballot; budget 30.
    private func add1Instance() throws -> BudgetProblem {
        try problem(["P1": 10, "P2": 5, "P3": 30], budget: 30, ballots: [["P1", "P3"], [], ["P3"]])
    }

    func testAdd1WithAndWithoutTheExhaustivenessStop() throws {
        // Per-voter budget b, starting at 30 / 3 = 10 (the empty ballot counts).
        // b < 15: P3's supporters hold 2b < 30, so only P1 (10, paid by v1): cost 10, 20 left, P3 does not fit,
        //   so the outcome is exhaustive already at b = 10.
        // 15 <= b <= 24: P3 first (15 each, effective 2 beats P1's 1); v1 keeps b - 15 < 10, so P1 is dropped.
        // b = 25: v1 keeps 10 and P1 follows, 40 > 30. Without the stop Add1 ends at b = 24 with P3.
        let problem = try add1Instance()
        XCTAssertEqual(problem.equalShares(EqualSharesOptions(add1: nil)).selected, ["P1"])
        let stopped = problem.equalShares(EqualSharesOptions(add1: Add1(stopsWhenExhaustive: true)))
        XCTAssertEqual(stopped.selected, ["P1"])
        XCTAssertEqual(stopped.notes,
                       ["Add1: 10.00 per voter after 0 increases of 1.00; the outcome is exhaustive, nothing unfunded fits the 20 left"])
        let full = problem.equalShares(EqualSharesOptions())
        XCTAssertEqual(full.selected, ["P3"])
        XCTAssertEqual(full.notes, ["Add1: 24.00 per voter after 14 increases of 1.00; 25.00 would cost 40, over the budget"])
        XCTAssertEqual(full.result(for: "P2")?.reason, .noSupport)
        XCTAssertEqual(full.result(for: "P3")?.reason,
                       .selectedByEqualShares(round: 1, effectiveVotes: 2, maxPayment: 15))
    }

    func testComparisonSwitchesToGreedyOnlyWhenMoreVotersPreferIt() throws {
        // A 15 and B 15 {v1, v2}, C 15 {v3}; budget 30, 10 each. Equal Shares: A (7.50 each, tie with B broken by
        // id), then B's supporters hold 5: [A]. Greedy: A, B. v1 and v2 get 2 projects from greedy instead of 1,
        // v3 none either way: 0 against 2, greedy is used.
        let majority = try problem(["A": 15, "B": 15, "C": 15], budget: 30, ballots: [["A", "B"], ["A", "B"], ["C"]])
        let switched = majority.equalShares(EqualSharesOptions(add1: nil, comparesWithGreedy: true))
        XCTAssertEqual(switched.selected, ["A", "B"])
        XCTAssertEqual(switched.notes.last,
                       "comparison: voters with more of their projects funded: 0 under Equal Shares, 2 under greedy; greedy used")

        // A 40 {v1, v2, v3}, B 10 {v1, v2}, C 10 {v3, v4}, D 10 {v4}; budget 40, 10 each. A is unaffordable (30);
        // B and C cost 5 each (tie, B by id), then D finds v4 with 5: [B, C]. Greedy: [A]. v1, v2, v3 get one
        // project either way, v4 only from Equal Shares: 1 against 0, Equal Shares stays.
        let spread = try problem(["A": 40, "B": 10, "C": 10, "D": 10], budget: 40,
                                 ballots: [["A", "B"], ["A", "B"], ["A", "C"], ["C", "D"]])
        let kept = spread.equalShares(EqualSharesOptions(add1: nil, comparesWithGreedy: true))
        XCTAssertEqual(kept.selected, ["B", "C"])
        XCTAssertEqual(kept.notes.last,
                       "comparison: voters with more of their projects funded: 1 under Equal Shares, 0 under greedy; Equal Shares kept")

        // Greedy completion on the same: 20 left, A (40) does not fit, D (10) is added in round 3.
        let completed = spread.equalShares(EqualSharesOptions(add1: nil, greedyCompletion: true))
        XCTAssertEqual(completed.selected, ["B", "C", "D"])
        XCTAssertEqual(completed.result(for: "A")?.explanation, "does not fit: 20 left, costs 40")
        XCTAssertEqual(completed.result(for: "D")?.reason, .selectedByCompletion(round: 3, votes: 1))
    }

    // MARK: - Rule from META

    func testAutoReadsTheRuleFromMeta() throws {
        func choice(_ rule: String, threshold: String? = nil) throws -> RuleChoice {
            var election = try PBElection(pabulibText: Self.small)
            election.meta["rule"] = rule
            election.meta["min_project_score_threshold"] = threshold
            return BudgetRule.auto(for: election)
        }
        let sentinel = BudgetRule.pabulibUnrealizableCost
        XCTAssertEqual(try choice("greedy-threshold", threshold: "50").rule,
                       .greedy(GreedyOptions(threshold: 50, unrealizableCost: sentinel)))
        XCTAssertEqual(try choice("greedy-no-skip").rule,
                       .greedy(GreedyOptions(stopsAtFirstMisfit: true, unrealizableCost: sentinel)))
        XCTAssertEqual(try choice("equalshares").rule, .equalShares(EqualSharesOptions(add1: nil)))
        XCTAssertEqual(try choice("equalshares/add1-comparison").rule,
                       .equalShares(EqualSharesOptions(add1: Add1(), comparesWithGreedy: true)))
        let custom = try choice("greedy-custom")
        XCTAssertEqual(custom.rule, .greedy(GreedyOptions(unrealizableCost: sentinel)))
        XCTAssertTrue(custom.reason.contains("cannot be recomputed"))

        let outcome = try PBElection(pabulibText: Self.small).tally()
        XCTAssertEqual(outcome.selected, ["1", "3"])
        XCTAssertEqual(outcome.notes, ["rule: META rule greedy"])
    }

    // MARK: - Real elections

    /// The elections in `../shared/data/pabulib` next to the repository, read once for all tests.
    private static let sharedElections: [(name: String, election: Result<PBElection, Error>)]? = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = repository.deletingLastPathComponent().appendingPathComponent("shared/data/pabulib")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        return names.filter { $0.hasSuffix(".pb") }.sorted().map { name in
            (name, Result {
                try PBElection(pabulibText: String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
            })
        }
    }()

    private func sharedElections() throws -> [(name: String, election: PBElection)] {
        guard let elections = Self.sharedElections else { throw XCTSkip("no Pabulib sample folder next to the repository") }
        XCTAssertEqual(elections.count, 10)
        return try elections.map { ($0.name, try $0.election.get()) }
    }

    func testAutoReproducesEveryOfficialOutcome() throws {
        for (name, election) in try sharedElections() {
            let outcome = try election.tally()
            XCTAssertEqual(outcome.selected.sorted(), election.officiallySelected.sorted(), name)
            let officialCost = election.projects.filter { $0.selected == 1 }.reduce(Decimal(0)) { $0 + $1.cost }
            XCTAssertEqual(outcome.totalCost, officialCost, name)
            XCTAssertLessThanOrEqual(outcome.totalCost, outcome.budget, name)
        }
    }

    func testEveryOfficialFileSurvivesARoundTrip() throws {
        for (name, election) in try sharedElections() {
            XCTAssertEqual(try PBElection(pabulibText: election.pabulibText()), election, name)
        }
    }

    // MARK: - Helpers

    /// Builds a problem from project ids with costs (in the order given) and ballots naming those ids.
    private func problem(_ projects: KeyValuePairs<String, Decimal>, budget: Decimal,
                         ballots: [[String]]) throws -> BudgetProblem {
        try problem(Array(projects.map { ($0.key, $0.value) }), budget: budget, ballots: ballots)
    }

    private func problem(_ projects: [(String, Decimal)], budget: Decimal, ballots: [[String]]) throws -> BudgetProblem {
        let ids = projects.map(\.0)
        return try BudgetProblem(projectIDs: ids, costs: projects.map(\.1), budget: budget,
                                 ballots: ballots.map { BudgetBallot(projects: $0.map { ids.firstIndex(of: $0)! }) },
                                 scoreKind: .votes)
    }
}
