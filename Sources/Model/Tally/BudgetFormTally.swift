import Foundation

/// A budget form counted by its rule (`tally` in the manifest): which projects are funded and why.
public enum BudgetFormTally {
    public static let tieBreakNote = "ties: more votes, then lower cost, then the lower project id"

    public struct Count: Equatable, Sendable {
        public var rule: String
        public var budget: BudgetUsage
        public var options: [OptionResult]
        public var notes: [String]
    }

    /// The form's ballots as rule input: approval ballots list projects, cumulative ones carry points.
    public static func problem(_ form: FormSpec, ballots: [CountedBallot], total: Int) throws -> BudgetProblem {
        var costs: [Decimal] = []
        for option in form.options {
            guard let cost = option.cost else {
                throw TallyError("form `\(form.id)`: project `\(option.id)` has no cost in the manifest; give it a `cost` and rebuild ballots.json")
            }
            costs.append(Decimal(cost))
        }
        let index = Dictionary(form.options.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let cumulative = form.constraints.points != nil
        var rows: [BudgetBallot] = []
        rows.reserveCapacity(ballots.count)
        for ballot in ballots {
            var projects: [Int] = []
            var points: [Int] = []
            for item in ballot.items {
                guard let p = index[item.parts[0]] else {
                    throw TallyError("form `\(form.id)`: ballot \(ballot.receipt) names `\(item.parts[0])`, which is not one of its projects")
                }
                projects.append(p)
                if cumulative { points.append(item.parts.count == 2 ? Int(item.parts[1]) ?? 0 : 0) }
            }
            rows.append(BudgetBallot(projects: projects, points: cumulative ? points : nil))
        }
        return try BudgetProblem(projectIDs: form.options.map(\.id), costs: costs, budget: Decimal(total), ballots: rows,
                                 scoreKind: cumulative ? .points : .votes)
    }

    public static func count(_ form: FormSpec, ballots: [CountedBallot]) throws -> Count {
        guard let total = form.tally?.total ?? form.constraints.budget else {
            throw TallyError("form `\(form.id)`: the manifest gives no budget total (`tally.total`); rebuild ballots.json with this sitegen")
        }
        let settings = form.tally
        let rule = settings?.rule ?? .greedy
        let problem = try problem(form, ballots: ballots, total: total)
        let outcome = problem.tally(rule.budgetRule(threshold: settings?.threshold, stopsWhenExhaustive: settings?.stopsWhenExhaustive ?? false))
        let cumulative = form.constraints.points != nil
        let selected = Set(outcome.selected)
        var used = 0
        let options = form.options.enumerated().map { p, option -> OptionResult in
            let result = outcome.projects[p]
            if selected.contains(option.id) { used += option.cost! }
            return OptionResult(id: option.id, votes: problem.votes[p], score: cumulative ? Double(problem.points[p]) : nil, cost: option.cost,
                                selected: result.isSelected, reason: result.explanation, why: OptionWhy(result))
        }
        let order = outcome.selected.isEmpty ? [] : ["selected in this order: " + outcome.selected.joined(separator: ", ")]
        return Count(rule: rule.rawValue, budget: BudgetUsage(total: total, used: used, currency: form.currency ?? "EUR"), options: options,
                     notes: [outcome.rule, tieBreakNote] + outcome.notes + order)
    }
}
