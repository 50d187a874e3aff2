import Foundation

/// A counting rule for a participatory budget.
public enum BudgetRule: Equatable, Sendable {
    /// Rank by score and fund what fits (CONSUL, Poznań, most city rules).
    case greedy(GreedyOptions)
    /// The Method of Equal Shares with cost utilities (equalshares.net).
    case equalShares(EqualSharesOptions)
}

/// The rule derived from a `.pb` file's META, and how it was derived.
public struct RuleChoice: Equatable, Sendable {
    public var rule: BudgetRule
    public var reason: String
}

extension BudgetProblem {
    /// Counts the ballots with `rule`.
    public func tally(_ rule: BudgetRule) -> BudgetOutcome {
        switch rule {
        case .greedy(let options): return greedy(options)
        case .equalShares(let options): return equalShares(options)
        }
    }
}

extension BudgetRule {
    /// Pabulib's marker cost for a project that was on the ballot but could not be carried out.
    public static let pabulibUnrealizableCost: Decimal = 999_999_999

    /// The rule named by META `rule` (pabulib.org/format), with META `min_project_score_threshold` as the
    /// eligibility threshold whatever the family. Greedy ranks by points for cumulative, scoring and ordinal
    /// ballots (the file's `score` column) and by votes otherwise. Rules that the file alone cannot
    /// recompute (`greedy-custom`, `greedy-exclusive`, `unknown`) fall back to greedy, and the reason says so.
    public static func auto(for election: PBElection) -> RuleChoice {
        let threshold = election.scoreThreshold
        let name = (election.rule ?? "unknown").trimmingCharacters(in: .whitespaces).lowercased()
        let greedy = GreedyOptions(threshold: threshold, unrealizableCost: pabulibUnrealizableCost)
        switch name {
        case "greedy":
            return RuleChoice(rule: .greedy(greedy), reason: "META rule \(name)")
        case "greedy-threshold":
            let missing = threshold == nil ? " without min_project_score_threshold, so no threshold" : ""
            return RuleChoice(rule: .greedy(greedy), reason: "META rule \(name)\(missing)")
        case "greedy-no-skip":
            var options = greedy
            options.stopsAtFirstMisfit = true
            return RuleChoice(rule: .greedy(options), reason: "META rule \(name)")
        case _ where name.hasPrefix("equalshares"):
            let options = EqualSharesOptions(add1: name.contains("/add1") ? Add1() : nil,
                                             comparesWithGreedy: name.hasSuffix("-comparison"), threshold: threshold)
            let add1 = options.add1 == nil ? ""
                : ": Add1 from B/n in steps of 1 per voter until over budget, as Pabulib defines it"
            return RuleChoice(rule: .equalShares(options), reason: "META rule \(name)\(add1)")
        default:
            return RuleChoice(rule: .greedy(greedy),
                              reason: "META rule \(name) cannot be recomputed from the file alone; counted with greedy")
        }
    }
}

extension PBElection {
    /// The election as rule input. Ordinal ballots score L − position (3/2/1 for Kraków's top 3), L being
    /// META `max_length` or the longest ballot, which is what the files' `score` column holds.
    public func budgetProblem() throws -> BudgetProblem {
        guard let budget else { throw TallyError("META has no numeric budget") }
        guard let voteType else { throw TallyError("unknown vote_type '\(meta["vote_type"] ?? "")'") }
        var index: [String: Int] = [:]
        for (position, project) in projects.enumerated() { index[project.id] = position }
        let longest = voters.map(\.vote.count).max() ?? 0
        let rankLength = max(meta["max_length"].flatMap { Int($0) } ?? 0, longest)
        var ballots: [BudgetBallot] = []
        ballots.reserveCapacity(voters.count)
        for voter in voters {
            var listed: [Int] = []
            listed.reserveCapacity(voter.vote.count)
            for id in voter.vote {
                guard let p = index[id] else { throw TallyError("voter '\(voter.id)' names unknown project '\(id)'") }
                listed.append(p)
            }
            switch voteType {
            case .approval, .chooseOne:
                ballots.append(BudgetBallot(projects: listed))
            case .ordinal:
                ballots.append(BudgetBallot(projects: listed, points: listed.indices.map { rankLength - $0 }))
            case .cumulative, .scoring:
                guard let points = voter.points else { throw TallyError("voter '\(voter.id)' has no points") }
                ballots.append(BudgetBallot(projects: listed, points: points))
            }
        }
        let kind: ScoreKind = voteType == .approval || voteType == .chooseOne ? .votes : .points
        return try BudgetProblem(projectIDs: projects.map(\.id), costs: projects.map(\.cost), budget: budget,
                                 ballots: ballots, scoreKind: kind)
    }

    /// Counts the election with `rule`, or with the rule its META names when `rule` is nil.
    public func tally(_ rule: BudgetRule? = nil) throws -> BudgetOutcome {
        let problem = try budgetProblem()
        guard let rule else {
            let choice = BudgetRule.auto(for: self)
            var outcome = problem.tally(choice.rule)
            outcome.notes.insert("rule: \(choice.reason)", at: 0)
            return outcome
        }
        return problem.tally(rule)
    }

    /// Ids of the projects the file marks as funded (`selected` = 1), in file order.
    public var officiallySelected: [String] { projects.filter { $0.selected == 1 }.map(\.id) }
}
