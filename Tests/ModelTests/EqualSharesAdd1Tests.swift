import XCTest
@testable import Model

/// Add1 with skipped increases must end where stepping one unit at a time ends.
final class EqualSharesAdd1Tests: XCTestCase {
    /// Few voters and costs far above B/n: Add1 needs hundreds or thousands of increases.
    private func instance(seed: UInt64) throws -> BudgetProblem {
        var random = SeededGenerator(seed: seed)
        let projectCount = Int.random(in: 4...12, using: &random)
        let voterCount = Int.random(in: 3...9, using: &random)
        let ids = (0..<projectCount).map { "P\($0)" }
        let costs = ids.map { _ in Decimal(Int.random(in: 1...40, using: &random) * 100) }
        let ballots = (0..<voterCount).map { _ in
            BudgetBallot(projects: (0..<projectCount).filter { _ in Int.random(in: 0..<3, using: &random) == 0 })
        }
        return try BudgetProblem(projectIDs: ids, costs: costs, budget: Decimal(Int.random(in: 20...80, using: &random) * 100),
                                 ballots: ballots, scoreKind: .votes)
    }

    /// Add1 as Pabulib defines it, one increase per run: the selection at the last budget that fits.
    private func stepByStep(_ problem: BudgetProblem, stopsWhenExhaustive: Bool) -> (selected: [String], increases: Int) {
        var engine = EqualSharesEngine(problem: problem, eligible: Array(repeating: true, count: problem.projectIDs.count),
                                       tieBreak: TieBreak.standard)
        let start = Double(problem.unitBudget) / Double(max(problem.voterCount, 1))
        let step = Double(problem.unitsPerCurrency)
        let candidates = engine.candidateProjects
        var increases = 0
        var last = start
        while true {
            let perVoter = start + Double(increases) * step
            let run = engine.run(perVoter: perVoter, recordTies: false)
            if run.spent > problem.unitBudget { break }
            last = perVoter
            let unfunded = candidates.filter { run.round[$0] == nil }
            if unfunded.isEmpty { break }
            if stopsWhenExhaustive, !unfunded.contains(where: { problem.unitCosts[$0] <= problem.unitBudget - run.spent }) { break }
            increases += 1
        }
        let run = engine.run(perVoter: last, recordTies: false)
        return (run.order.map { problem.projectIDs[$0] }, Int(((last - start) / step).rounded()))
    }

    private func allFit(_ problem: BudgetProblem) -> Bool {
        let engine = EqualSharesEngine(problem: problem, eligible: Array(repeating: true, count: problem.projectIDs.count),
                                       tieBreak: TieBreak.standard)
        return engine.candidateProjects.reduce(0) { $0 + problem.unitCosts[$1] } <= problem.unitBudget
    }

    func testSkippingIncreasesEndsWhereStepByStepEnds() throws {
        var skippedSomewhere = false
        for seed in UInt64(1)...60 {
            let problem = try instance(seed: seed)
            for stops in [false, true] {
                let expected = stepByStep(problem, stopsWhenExhaustive: stops)
                let outcome = problem.equalShares(EqualSharesOptions(add1: Add1(stopsWhenExhaustive: stops)))
                XCTAssertEqual(outcome.selected.sorted(), expected.selected.sorted(), "seed \(seed), stop when exhaustive: \(stops)")
                // When all supported projects fit together, Add1 jumps straight to a budget that funds them all
                // (any earlier stop funds them all too): only the selection is comparable there.
                if !allFit(problem) {
                    XCTAssertTrue(outcome.notes.first?.contains("after \(expected.increases) increases") == true,
                                  "seed \(seed): \(outcome.notes) but step by step made \(expected.increases) increases")
                }
                if !allFit(problem), outcome.notes.contains(where: { $0.contains("skipped") }) { skippedSomewhere = true }
            }
        }
        XCTAssertTrue(skippedSomewhere, "no instance where not everything fits needed enough increases to skip any")
    }

    func testTheStabilityRunSelectsWhatThePlainRunSelects() throws {
        for seed in UInt64(100)...140 {
            let problem = try instance(seed: seed)
            var engine = EqualSharesEngine(problem: problem, eligible: Array(repeating: true, count: problem.projectIDs.count),
                                           tieBreak: TieBreak.standard)
            var stability = EqualSharesStability(problem: problem, candidates: engine.candidateProjects, tieBreak: TieBreak.standard)
            for perVoter in stride(from: 100.0, through: 5000, by: 350) {
                let plain = engine.run(perVoter: perVoter, recordTies: false)
                let replay = stability.run(perVoter: perVoter)
                XCTAssertEqual(replay.selected, Set(plain.order), "seed \(seed) at \(perVoter)")
                XCTAssertEqual(replay.spent, plain.spent, "seed \(seed) at \(perVoter)")
                XCTAssertGreaterThanOrEqual(replay.stableFor, 0)
            }
        }
    }

    /// 40 voters, a budget of 40 million and projects of up to 30 million: about 650 000 increases of 1, in fewer
    /// than a hundred runs.
    func testFewVotersAndALargeBudgetNeedFewRuns() throws {
        let problem = try fewVoters(budget: 40_000_000, costUnit: 100_000)
        let outcome = problem.equalShares(EqualSharesOptions(add1: Add1()))
        let note = try XCTUnwrap(outcome.notes.first)
        XCTAssertTrue(note.hasPrefix("Add1: 1653966.00 per voter after 653966 increases of 1.00 ("), note)
        XCTAssertTrue(note.contains("skipped"), note)
        XCTAssertLessThanOrEqual(outcome.totalCost, outcome.budget)
    }

    /// The same shape a hundred times smaller, where stepping one unit at a time is still quick enough to compare.
    func testFewVotersAndALargeBudgetEndWhereStepByStepEnds() throws {
        let problem = try fewVoters(budget: 400_000, costUnit: 1000)
        let expected = stepByStep(problem, stopsWhenExhaustive: false)
        let outcome = problem.equalShares(EqualSharesOptions(add1: Add1()))
        XCTAssertEqual(outcome.selected.sorted(), expected.selected.sorted())
        XCTAssertTrue(outcome.notes.first?.contains("after \(expected.increases) increases") == true, "\(outcome.notes)")
    }

    private func fewVoters(budget: Decimal, costUnit: Int) throws -> BudgetProblem {
        var random = SeededGenerator(seed: 7)
        let ids = (0..<25).map { "P\($0)" }
        let costs = ids.map { _ in Decimal(Int.random(in: 1...300, using: &random) * costUnit) }
        let ballots = (0..<40).map { _ in BudgetBallot(projects: (0..<25).filter { _ in Int.random(in: 0..<4, using: &random) == 0 }) }
        return try BudgetProblem(projectIDs: ids, costs: costs, budget: budget, ballots: ballots, scoreKind: .votes)
    }
}
