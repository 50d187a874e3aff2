import Foundation

/// How far the per-voter budget of an Equal Shares run can rise before any of its decisions could change, so
/// Add1 can skip the increases that would rerun the same outcome.
///
/// Every amount a run compares is a linear function of the starting per-voter budget while the run's decisions
/// stay the same: budgets start at b, an equal split does not depend on b, and a water-filled payment is what is
/// left of a cost after the poorer supporters paid all they hold, shared by the others. The run is replayed here
/// with each amount as `value + slope·δ`, every comparison notes the δ > 0 at which its two sides meet, and the
/// smallest of those bounds the interval on which the outcome cannot change. This pass scans every remaining
/// project each round (no pruning), so it costs a few plain runs; Add1 uses it once plain stepping is slow.
struct EqualSharesStability {
    /// `value + slope·δ`, an amount as a function of the increase δ of the per-voter budget.
    struct Linear {
        var value: Double
        var slope: Double

        static let zero = Linear(value: 0, slope: 0)
        static func constant(_ value: Double) -> Linear { Linear(value: value, slope: 0) }
        static func + (a: Linear, b: Linear) -> Linear { Linear(value: a.value + b.value, slope: a.slope + b.slope) }
        static func - (a: Linear, b: Linear) -> Linear { Linear(value: a.value - b.value, slope: a.slope - b.slope) }
        static func * (a: Linear, k: Double) -> Linear { Linear(value: a.value * k, slope: a.slope * k) }
    }

    /// The selection of the run, and the increase of the per-voter budget below which it is certainly the same.
    struct Outcome {
        var selected: Set<Int>
        var spent: Int
        var stableFor: Double
    }

    private let problem: BudgetProblem
    private let candidates: [Int]
    private let tieBreak: [TieBreak]
    private var budgets: [Linear]
    private var stableFor = Double.infinity

    init(problem: BudgetProblem, candidates: [Int], tieBreak: [TieBreak]) {
        self.problem = problem
        self.candidates = candidates
        self.tieBreak = tieBreak
        budgets = Array(repeating: .zero, count: problem.voterCount)
    }

    mutating func run(perVoter: Double) -> Outcome {
        let tolerance = EqualSharesEngine.tolerance
        stableFor = .infinity
        for v in budgets.indices { budgets[v] = Linear(value: perVoter, slope: 1) }
        var selected = Set<Int>()
        var spent = 0
        var remaining = candidates
        while !remaining.isEmpty {
            var prices: [(project: Int, price: Linear, cap: Linear)] = []
            for p in remaining {
                guard let cap = cap(p) else { continue }
                prices.append((p, cap * (1 / Double(problem.unitCosts[p])), cap))
            }
            remaining = prices.map(\.project)
            guard let best = prices.min(by: { $0.price.value < $1.price.value }) else { break }
            let limit = best.price * (1 + tolerance)
            var tied: [Int] = []
            for entry in prices {
                if entry.project != best.project { meet(entry.price, best.price) }
                meet(entry.price, limit)
                if entry.price.value <= limit.value { tied.append(entry.project) }
            }
            let winner = tied.count > 1 ? problem.breakTie(tied, tieBreak).0[0] : tied[0]
            pay(winner, prices.first { $0.project == winner }!.cap)
            selected.insert(winner)
            spent += problem.unitCosts[winner]
            remaining.removeAll { $0 == winner }
        }
        return Outcome(selected: selected, spent: spent, stableFor: stableFor)
    }

    /// Notes the increase at which `a` and `b` become equal, when that lies ahead.
    private mutating func meet(_ a: Linear, _ b: Linear) {
        let gap = a - b
        guard gap.slope != 0 else { return }
        let crossing = -gap.value / gap.slope
        if crossing >= 0 { stableFor = min(stableFor, crossing) }
    }

    /// The payment cap that splits the cost of `p` among its supporters, or nil when they cannot afford it; the
    /// same water-filling as `EqualSharesEngine`, on linear amounts.
    private mutating func cap(_ p: Int) -> Linear? {
        let tolerance = EqualSharesEngine.tolerance
        let needed = Double(problem.unitCosts[p])
        let range = problem.supporterStart[p]..<problem.supporterStart[p + 1]
        var pool = range.map { budgets[Int(problem.supporters[$0])] }
        let held = pool.reduce(Linear.zero, +)
        meet(held, .constant(needed * (1 - tolerance)))
        if held.value < needed * (1 - tolerance) { return nil }
        var stillNeeded = Linear.constant(needed)
        var payment = Linear.constant(needed / Double(pool.count))
        while true {
            var rich: [Linear] = []
            var paidByPoor = Linear.zero
            for budget in pool {
                meet(budget, payment)
                if budget.value < payment.value { paidByPoor = paidByPoor + budget } else { rich.append(budget) }
            }
            if rich.count == pool.count { return payment }
            if rich.isEmpty {
                // Held fell short of the cost by rounding only: the run is at a knife edge, so claim no interval.
                stableFor = 0
                return pool.max { $0.value < $1.value }
            }
            stillNeeded = stillNeeded - paidByPoor
            pool = rich
            payment = stillNeeded * (1 / Double(pool.count))
        }
    }

    private mutating func pay(_ p: Int, _ payment: Linear) {
        for slot in problem.supporterStart[p]..<problem.supporterStart[p + 1] {
            let voter = Int(problem.supporters[slot])
            meet(budgets[voter], payment)
            budgets[voter] = budgets[voter].value > payment.value ? budgets[voter] - payment : .zero
        }
    }
}
