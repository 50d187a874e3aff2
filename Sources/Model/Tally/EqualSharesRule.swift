import Foundation

/// Add1 completion (equalshares.net): rerun Equal Shares with a little more money per voter while the outcome
/// still fits the real budget, and keep the last outcome that fits.
public struct Add1: Equatable, Sendable {
    /// Increase of the per-voter budget per run, in currency units.
    public var step: Double
    /// Start from ⌊B/n⌋ (Pabulib checker, equalshares.net tool) rather than B/n (pabutools).
    public var startsAtWholeUnits: Bool
    /// Also stop at the first exhaustive outcome, one where no unfunded supported project fits what is left
    /// (pabutools' built-in, equalshares.net docs). Pabulib's definition does not, and neither did the official
    /// Wieliczka 2023 count.
    public var stopsWhenExhaustive: Bool

    public init(step: Double = 1, startsAtWholeUnits: Bool = false, stopsWhenExhaustive: Bool = false) {
        self.step = step
        self.startsAtWholeUnits = startsAtWholeUnits
        self.stopsWhenExhaustive = stopsWhenExhaustive
    }
}

/// Settings of the Method of Equal Shares with cost utilities (each voter values a project at its cost).
public struct EqualSharesOptions: Equatable, Sendable {
    /// nil runs Equal Shares once with B/n per voter.
    public var add1: Add1?
    /// Afterwards fund whatever still fits, by votes (equalshares.net "utilitarian completion").
    public var greedyCompletion: Bool
    /// Finally compare with greedy by votes and keep greedy only if strictly more voters get more of their
    /// projects from it (equalshares.net comparison step, Pabulib `-comparison`).
    public var comparesWithGreedy: Bool
    /// Projects with fewer votes (points, for ballots with points) are not eligible.
    public var threshold: Int?
    public var tieBreak: [TieBreak]

    public init(add1: Add1? = Add1(), greedyCompletion: Bool = false, comparesWithGreedy: Bool = false,
                threshold: Int? = nil, tieBreak: [TieBreak] = TieBreak.standard) {
        self.add1 = add1
        self.greedyCompletion = greedyCompletion
        self.comparesWithGreedy = comparesWithGreedy
        self.threshold = threshold
        self.tieBreak = tieBreak
    }
}

extension BudgetProblem {
    /// The Method of Equal Shares with cost utilities, with the completion steps in `options`.
    public func equalShares(_ options: EqualSharesOptions = EqualSharesOptions()) -> BudgetOutcome {
        var reasons = [ProjectReason?](repeating: nil, count: projectIDs.count)
        var eligible = [Bool](repeating: true, count: projectIDs.count)
        for p in projectIDs.indices {
            if let threshold = options.threshold, score(p) < threshold {
                reasons[p] = .belowThreshold(score: score(p), threshold: threshold, kind: scoreKind)
                eligible[p] = false
            } else if votes[p] == 0 {
                reasons[p] = .noSupport
            }
        }
        var engine = EqualSharesEngine(problem: self, eligible: eligible, tieBreak: options.tieBreak)
        var notes: [String] = []
        let perVoter = options.add1.map { add1SearchBudget(&engine, add1: $0, notes: &notes) }
            ?? Double(unitBudget) / Double(max(voterCount, 1))
        let run = engine.run(perVoter: perVoter, recordTies: true)
        for p in run.order {
            reasons[p] = run.round[p] == 0 ? .costsNothing(votes: votes[p])
                : .selectedByEqualShares(round: run.round[p]!,
                                         effectiveVotes: money(Double(unitCosts[p])) / run.maxPayment[p],
                                         maxPayment: run.maxPayment[p])
        }
        for p in projectIDs.indices {
            if let (round, held) = run.dropped[p] {
                reasons[p] = .supportersCannotAfford(round: round, held: held, cost: costs[p])
            }
        }
        var selected = run.order
        var ties = run.ties
        if options.greedyCompletion {
            let candidates = projectIDs.indices.filter { eligible[$0] && run.round[$0] == nil }
            let (order, rankingTies) = greedyRanking(candidates, kind: .votes, tieBreak: options.tieBreak)
            var left = unitBudget - run.spent
            for p in order {
                if unitCosts[p] <= left {
                    left -= unitCosts[p]
                    selected.append(p)
                    reasons[p] = .selectedByCompletion(round: selected.count, votes: votes[p])
                } else {
                    reasons[p] = .doesNotFit(left: money(left), cost: costs[p])
                }
            }
            ties += rankingTies
        }

        var rule = "Equal Shares (cost utilities)"
        if let add1 = options.add1 {
            rule += add1.stopsWhenExhaustive ? " with Add1, stopping when exhaustive" : " with Add1"
        }
        if options.greedyCompletion { rule += ", then greedy completion" }
        if let threshold = options.threshold { rule += ", threshold \(threshold)" }
        let result = outcome(rule: rule, selected: selected, reasons: reasons.map { $0! }, ties: ties, notes: notes)
        return options.comparesWithGreedy ? compareWithGreedy(result, options: options) : result
    }

    /// Walks the Add1 sequence of per-voter budgets and returns the last one whose outcome fits the budget.
    private func add1SearchBudget(_ engine: inout EqualSharesEngine, add1: Add1, notes: inout [String]) -> Double {
        let voters = Double(max(voterCount, 1))
        let scale = Double(unitsPerCurrency)
        let share = Double(unitBudget) / voters
        let start = add1.startsAtWholeUnits ? (share / scale).rounded(.down) * scale : share
        let step = add1.step * scale
        let candidates = engine.candidateProjects
        let candidateCost = candidates.reduce(0) { $0 + unitCosts[$1] }
        let currency = { (units: Double) in String(format: "%.2f", units / scale) }

        guard step > 0 else {
            notes.append("Add1: the step must be positive, so Equal Shares ran once at \(currency(start)) per voter")
            return start
        }

        var increases = 0
        // A replay that bounds the outcome's stability costs several plain runs, so it is tried only after a stretch
        // of plain runs, and kept while it skips enough; when it skips little, the next stretch of plain runs is
        // twice as long (a large election that needs a hundred increases pays for two replays, not a hundred).
        var plainStretch = 16
        var plainLeft = plainStretch
        let worthwhileSkip = 8
        var stability = EqualSharesStability(problem: self, candidates: candidates, tieBreak: engine.tieBreak)
        var skipped = 0
        let reached = { (increases: Int, skipped: Int) in
            "Add1: \(currency(start + Double(increases) * step)) per voter after \(increases) increases of "
                + currency(step) + (skipped > 0 ? " (\(skipped) of them skipped: their outcome was shown to be the same)" : "")
        }
        while true {
            let perVoter = start + Double(increases) * step
            let spent: Int
            let funded: (Int) -> Bool
            var sameUntil = perVoter
            let replayed = plainLeft == 0
            if !replayed {
                plainLeft -= 1
                let run = engine.run(perVoter: perVoter, recordTies: false)
                spent = run.spent
                funded = { run.round[$0] != nil }
            } else {
                let run = stability.run(perVoter: perVoter)
                spent = run.spent
                funded = { run.selected.contains($0) }
                // Shrunk a little so rounding in the crossing point can only cost a rerun, never skip a change.
                sameUntil = perVoter + run.stableFor * (1 - 1e-9) - 1e-9 * perVoter
            }
            if spent > unitBudget {
                guard increases > 0 else {
                    notes.append("Add1: even \(currency(perVoter)) per voter overspends, so no increase was made")
                    return perVoter
                }
                notes.append(reached(increases - 1, skipped)
                    + "; \(currency(perVoter)) would cost \(money(spent)), over the budget")
                // The increase before is either the last one run or a skipped one with the same outcome: it fits.
                return start + Double(increases - 1) * step
            }
            let left = unitBudget - spent
            let unfunded = candidates.filter { !funded($0) }
            if add1.stopsWhenExhaustive, !unfunded.contains(where: { unitCosts[$0] <= left }) {
                notes.append(reached(increases, skipped)
                    + "; the outcome is exhaustive, nothing unfunded fits the \(money(left)) left")
                return perVoter
            }
            if unfunded.isEmpty {
                notes.append(reached(increases, skipped) + "; every supported project is funded")
                return perVoter
            }
            // When everything fits anyway, skip to where every supporter alone can pay for all of it,
            // which funds every supported project, instead of stepping there one unit at a time.
            if candidateCost <= unitBudget {
                increases = max(increases + 1, Int(((Double(candidateCost) - start) / step).rounded(.up)))
            } else {
                let next = sameUntil > perVoter ? max(increases + 1, Int(((sameUntil - start) / step).rounded(.up))) : increases + 1
                if replayed && next - increases - 1 < worthwhileSkip {
                    plainStretch *= 2
                    plainLeft = plainStretch
                }
                skipped += next - increases - 1
                increases = next
            }
        }
    }

    /// The comparison step: each voter counts their funded projects under both outcomes.
    private func compareWithGreedy(_ shares: BudgetOutcome, options: EqualSharesOptions) -> BudgetOutcome {
        var greedy = greedy(GreedyOptions(threshold: options.threshold, rankBy: .votes, tieBreak: options.tieBreak))
        let index = Dictionary(uniqueKeysWithValues: projectIDs.enumerated().map { ($1, $0) })
        var inShares = [Bool](repeating: false, count: projectIDs.count)
        var inGreedy = inShares
        for id in shares.selected { inShares[index[id]!] = true }
        for id in greedy.selected { inGreedy[index[id]!] = true }
        var prefersShares = 0
        var prefersGreedy = 0
        for voter in 0..<voterCount {
            var balance = 0
            for slot in ballotStart[voter]..<ballotStart[voter + 1] {
                let p = Int(ballotProjects[slot])
                balance += (inShares[p] ? 1 : 0) - (inGreedy[p] ? 1 : 0)
            }
            if balance > 0 { prefersShares += 1 } else if balance < 0 { prefersGreedy += 1 }
        }
        let tally = "voters with more of their projects funded: \(prefersShares) under Equal Shares, "
            + "\(prefersGreedy) under greedy"
        guard prefersGreedy > prefersShares else {
            var kept = shares
            kept.rule += ", compared with greedy by votes"
            kept.notes.append("comparison: \(tally); Equal Shares kept")
            return kept
        }
        greedy.rule = shares.rule + ", compared with greedy by votes: greedy preferred"
        greedy.notes = shares.notes + ["comparison: \(tally); greedy used"]
        return greedy
    }
}
