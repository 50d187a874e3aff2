import Foundation

/// Settings of the greedy family: rank projects by score and fund each one that still fits.
public struct GreedyOptions: Equatable, Sendable {
    /// Projects scoring below this are not eligible (Pabulib `greedy-threshold`).
    public var threshold: Int?
    /// Stop at the first project that does not fit (Poznań; Pabulib `greedy-no-skip`) instead of skipping it.
    public var stopsAtFirstMisfit: Bool
    /// A cost marking a project that could not be carried out; it is passed over without stopping
    /// (Pabulib uses 999999999).
    public var unrealizableCost: Decimal?
    /// What to rank by; nil ranks by the problem's own `scoreKind`.
    public var rankBy: ScoreKind?
    public var tieBreak: [TieBreak]

    public init(threshold: Int? = nil, stopsAtFirstMisfit: Bool = false, unrealizableCost: Decimal? = nil,
                rankBy: ScoreKind? = nil, tieBreak: [TieBreak] = TieBreak.standard) {
        self.threshold = threshold
        self.stopsAtFirstMisfit = stopsAtFirstMisfit
        self.unrealizableCost = unrealizableCost
        self.rankBy = rankBy
        self.tieBreak = tieBreak
    }
}

extension BudgetProblem {
    /// Greedy counting (CONSUL, most city rules): walk the projects from the highest score down and fund each one
    /// that fits in what is left; with `stopsAtFirstMisfit`, stop at the first that does not (Poznań).
    public func greedy(_ options: GreedyOptions = GreedyOptions()) -> BudgetOutcome {
        let kind = options.rankBy ?? scoreKind
        let score = { (p: Int) in kind == .votes ? self.votes[p] : self.points[p] }
        var reasons = [ProjectReason?](repeating: nil, count: projectIDs.count)
        var eligible: [Int] = []
        for p in projectIDs.indices {
            if let threshold = options.threshold, score(p) < threshold {
                reasons[p] = .belowThreshold(score: score(p), threshold: threshold, kind: kind)
            } else {
                eligible.append(p)
            }
        }
        let (order, ties) = greedyRanking(eligible, kind: kind, tieBreak: options.tieBreak)

        var left = unitBudget
        var selected: [Int] = []
        var stoppedAt: String?
        for p in order {
            if let stoppedAt {
                reasons[p] = .notReached(stoppedAt: stoppedAt)
            } else if let sentinel = options.unrealizableCost, costs[p] == sentinel {
                reasons[p] = .notCarriedOut(cost: costs[p])
            } else if unitCosts[p] <= left {
                left -= unitCosts[p]
                selected.append(p)
                reasons[p] = .selected(round: selected.count, score: score(p), kind: kind)
            } else {
                reasons[p] = options.stopsAtFirstMisfit
                    ? .stopsCounting(left: money(left), cost: costs[p])
                    : .doesNotFit(left: money(left), cost: costs[p])
                if options.stopsAtFirstMisfit { stoppedAt = projectIDs[p] }
            }
        }

        var rule = "greedy by \(kind.rawValue)"
        if let threshold = options.threshold { rule += ", threshold \(threshold)" }
        if options.stopsAtFirstMisfit { rule += ", stopping at the first project that does not fit" }
        return outcome(rule: rule, selected: selected, reasons: reasons.map { $0! }, ties: ties)
    }

    /// Projects by descending score, ties broken by `tieBreak`, with each group of equal scores recorded.
    func greedyRanking(_ projects: [Int], kind: ScoreKind, tieBreak: [TieBreak]) -> (order: [Int], ties: [TieRecord]) {
        let score = { (p: Int) in kind == .votes ? self.votes[p] : self.points[p] }
        let order = projects.sorted { a, b in
            score(a) != score(b) ? score(a) > score(b) : tieOrder(a, b, tieBreak).aFirst
        }
        var ties: [TieRecord] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, score(order[end]) == score(order[start]) { end += 1 }
            if end - start > 1 {
                let group = Array(order[start..<end])
                let decidedBy = zip(group, group.dropFirst()).map { tieOrder($0, $1, tieBreak).decidedBy }
                ties.append(TieRecord(round: nil, equal: .score(score(group[0]), kind),
                                      order: group.map { projectIDs[$0] }, decidedBy: decidedBy))
            }
            start = end
        }
        return (order, ties)
    }

    /// Assembles an outcome; each tie is also stated on the projects it involved.
    func outcome(rule: String, selected: [Int], reasons: [ProjectReason], ties: [TieRecord],
                 notes: [String] = []) -> BudgetOutcome {
        var tieText: [String: String] = [:]
        var tieRecords: [String: [TieRecord]] = [:]
        for tie in ties {
            for id in tie.order {
                tieText[id] = tieText[id].map { $0 + "; " + tie.description } ?? tie.description
                tieRecords[id, default: []].append(tie)
            }
        }
        let spent = selected.reduce(0) { $0 + unitCosts[$1] }
        let results = projectIDs.indices.map {
            ProjectResult(id: projectIDs[$0], reason: reasons[$0], tie: tieText[projectIDs[$0]], ties: tieRecords[projectIDs[$0]] ?? [])
        }
        return BudgetOutcome(rule: rule, selected: selected.map { projectIDs[$0] }, totalCost: money(spent),
                             budget: budget, projects: results, ties: ties, notes: notes)
    }
}
