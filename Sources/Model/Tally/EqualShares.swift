import Foundation

/// One run of the Method of Equal Shares with cost utilities at a fixed per-voter budget.
///
/// Money is in Doubles (exact rationals need unbounded integers: every payment divides by a supporter count).
/// Float error is kept away from decisions by a relative tolerance: projects whose price per unit of cost is
/// within `tolerance` are treated as tied and settled by the tie-break chain, and a project whose supporters
/// hold its cost up to `tolerance` counts as affordable. Genuine differences in real elections are many
/// orders of magnitude larger than the tolerance, while rounding noise is many orders smaller.
struct EqualSharesEngine {
    static let tolerance = 1e-9

    struct Run {
        /// Selected projects in selection order; zero-cost projects come first.
        var order: [Int] = []
        /// Per project: the round it was selected in (0 for free projects), or nil.
        var round: [Int?]
        /// Per selected project: the most any supporter paid, in the currency.
        var maxPayment: [Double]
        /// Per project dropped as unaffordable: the round and what its supporters held then, in the currency.
        var dropped: [(round: Int, held: Double)?]
        var ties: [TieRecord] = []
        /// Cost of the selection in integer money units.
        var spent = 0
    }

    private let problem: BudgetProblem
    private let candidates: [Int]
    private let free: [Int]
    let tieBreak: [TieBreak]
    private let cost: [Double]
    private var budgets: [Double]
    private var scratch: [Double]
    private var price: [Double]
    private var cap: [Double]

    /// `eligible` limits the projects that may be funded; of those, supported ones with a cost take part.
    init(problem: BudgetProblem, eligible: [Bool], tieBreak: [TieBreak]) {
        self.problem = problem
        self.tieBreak = tieBreak
        let supported = problem.projectIDs.indices.filter { eligible[$0] && problem.votes[$0] > 0 }
        // Most votes first: the starting price 1/votes is a lower bound, so this is the scan order of round 1.
        candidates = supported.filter { problem.unitCosts[$0] > 0 }.sorted { problem.votes[$0] > problem.votes[$1] }
        free = supported.filter { problem.unitCosts[$0] == 0 }
        cost = problem.unitCosts.map(Double.init)
        budgets = Array(repeating: 0, count: problem.voterCount)
        scratch = Array(repeating: 0, count: problem.votes.max() ?? 0)
        price = Array(repeating: 0, count: problem.projectIDs.count)
        cap = price
    }

    /// Supported, positive-cost eligible projects: the ones a run may select or drop.
    var candidateProjects: [Int] { candidates }

    mutating func run(perVoter: Double, recordTies: Bool) -> Run {
        let projectCount = problem.projectIDs.count
        var run = Run(round: Array(repeating: nil, count: projectCount),
                      maxPayment: Array(repeating: 0, count: projectCount),
                      dropped: Array(repeating: nil, count: projectCount))
        for p in free {
            run.round[p] = 0
            run.order.append(p)
        }
        for v in budgets.indices { budgets[v] = perVoter }
        for p in candidates { price[p] = 1 / Double(problem.votes[p]) }
        var remaining = candidates
        var round = 0
        while !remaining.isEmpty {
            round += 1
            var best = Double.infinity
            var kept = 0
            var scanned = 0
            // Prices only rise as budgets shrink, so a stale price is a lower bound: once it exceeds the best
            // price found this round, neither that project nor any after it can win or tie.
            while scanned < remaining.count {
                let p = remaining[scanned]
                if price[p] > best * (1 + Self.tolerance) { break }
                scanned += 1
                let (held, payment) = evaluate(p)
                guard let payment else {
                    run.dropped[p] = (round, problem.money(held))
                    continue
                }
                price[p] = payment / cost[p]
                cap[p] = payment
                best = min(best, price[p])
                remaining[kept] = p
                kept += 1
            }
            remaining.removeSubrange(kept..<scanned)
            guard best.isFinite else { break }

            let limit = best * (1 + Self.tolerance)
            let tied = remaining.filter { price[$0] <= limit }
            var winner = tied[0]
            if tied.count > 1 {
                let (order, decidedBy) = problem.breakTie(tied, tieBreak)
                winner = order[0]
                if recordTies {
                    let effective = String(format: "%.2f", 1 / price[winner])
                    run.ties.append(TieRecord(round: round, equal: .effectiveVotes(effective),
                                              order: order.map { problem.projectIDs[$0] }, decidedBy: decidedBy))
                }
            }
            pay(winner, cap[winner])
            run.round[winner] = round
            run.maxPayment[winner] = problem.money(cap[winner])
            run.order.append(winner)
            run.spent += problem.unitCosts[winner]
            remaining.remove(at: remaining.firstIndex(of: winner)!)
            sortByPrice(&remaining)
        }
        return run
    }

    /// What the supporters of `p` hold, and the payment cap that splits its cost among them as equally as their
    /// budgets allow (nil when they cannot afford it).
    private mutating func evaluate(_ p: Int) -> (held: Double, payment: Double?) {
        let lower = problem.supporterStart[p]
        let upper = problem.supporterStart[p + 1]
        let needed = cost[p]
        return problem.supporters.withUnsafeBufferPointer { supporters in
            budgets.withUnsafeBufferPointer { budgets in
                var held = 0.0
                var poorest = Double.infinity
                var richest = 0.0
                for slot in lower..<upper {
                    let budget = budgets[Int(supporters[slot])]
                    held += budget
                    poorest = min(poorest, budget)
                    richest = max(richest, budget)
                }
                if held < needed * (1 - Self.tolerance) { return (held, nil) }
                var payment = needed / Double(upper - lower)
                if poorest >= payment { return (held, payment) }
                // Water-filling: whoever holds less than the current equal split pays everything they have, the
                // others split the rest; repeat until nobody new falls below the split.
                return scratch.withUnsafeMutableBufferPointer { pool in
                    var count = 0
                    for slot in lower..<upper {
                        pool[count] = budgets[Int(supporters[slot])]
                        count += 1
                    }
                    var stillNeeded = needed
                    while true {
                        var rich = 0
                        var paidByPoor = 0.0
                        for index in 0..<count {
                            let budget = pool[index]
                            if budget < payment {
                                paidByPoor += budget
                            } else {
                                pool[rich] = budget
                                rich += 1
                            }
                        }
                        if rich == count { return (held, payment) }
                        // Everyone is poor only when held fell short of the cost by rounding: all pay everything.
                        if rich == 0 { return (held, richest) }
                        stillNeeded -= paidByPoor
                        count = rich
                        payment = stillNeeded / Double(count)
                    }
                }
            }
        }
    }

    private mutating func pay(_ p: Int, _ payment: Double) {
        let lower = problem.supporterStart[p]
        let upper = problem.supporterStart[p + 1]
        problem.supporters.withUnsafeBufferPointer { supporters in
            budgets.withUnsafeMutableBufferPointer { budgets in
                for slot in lower..<upper {
                    let voter = Int(supporters[slot])
                    let budget = budgets[voter]
                    budgets[voter] = budget > payment ? budget - payment : 0
                }
            }
        }
    }

    /// Insertion sort: after a round only the scanned prefix has moved, so the list is nearly sorted.
    private func sortByPrice(_ list: inout [Int]) {
        guard list.count > 1 else { return }
        for index in 1..<list.count {
            let p = list[index]
            var hole = index
            while hole > 0, price[list[hole - 1]] > price[p] {
                list[hole] = list[hole - 1]
                hole -= 1
            }
            list[hole] = p
        }
    }
}
