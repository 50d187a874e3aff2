import Foundation

extension TallyRule {
    /// The rule's name in a `.pb` file's META `rule` (pabulib.org/format).
    public var pabulibName: String {
        switch self {
        case .greedy: return "greedy"
        case .greedyThreshold: return "greedy-threshold"
        case .greedyNoSkip: return "greedy-no-skip"
        case .equalShares: return "equalshares"
        case .equalSharesAdd1: return "equalshares/add1"
        case .equalSharesAdd1Comparison: return "equalshares/add1-comparison"
        }
    }
}

extension PBElection {
    /// A budget form's valid ballots as a Pabulib election, for pabutools and the Pabulib tools.
    /// Voters are numbered in receipt order, so the file says nothing about when or where anyone voted.
    public init(form: FormSpec, ballots: [CountedBallot], language: String) throws {
        guard form.kind == .budget else { throw TallyError("form `\(form.id)` is a \(form.kind.rawValue) form; only budgets export to Pabulib") }
        guard let total = form.tally?.total ?? form.constraints.budget else {
            throw TallyError("form `\(form.id)`: the manifest gives no budget total (`tally.total`); rebuild ballots.json with this sitegen")
        }
        let problem = try BudgetFormTally.problem(form, ballots: ballots, total: total)
        let cumulative = form.constraints.points != nil
        var meta: [String: String] = [
            "description": form.title[language] ?? form.title.values.sorted().first ?? form.id,
            "country": "", "unit": form.space, "instance": form.id,
            "num_projects": String(form.options.count), "num_votes": String(ballots.count),
            "budget": String(total), "vote_type": cumulative ? "cumulative" : "approval",
            "rule": (form.tally?.rule ?? .greedy).pabulibName,
        ]
        var order = ["description", "country", "unit", "instance", "num_projects", "num_votes", "budget", "vote_type", "rule"]
        func add(_ key: String, _ value: String?) {
            guard let value else { return }
            meta[key] = value
            order.append(key)
        }
        add("currency", form.currency)
        add("date_begin", form.opens.map(UTCSecond.format))
        add("date_end", form.closes.map(UTCSecond.format))
        add("min_length", form.constraints.minChoices.map(String.init))
        add("max_length", form.constraints.maxChoices.map(String.init))
        add("max_sum_points", form.constraints.points.map(String.init))
        add("min_project_score_threshold", form.tally?.threshold.map(String.init))

        let projects = form.options.enumerated().map { p, option in
            PBProject(id: option.id, cost: Decimal(option.cost ?? 0), name: option.title[language] ?? option.id, votes: problem.votes[p],
                      score: cumulative ? Decimal(problem.points[p]) : nil)
        }
        let voters = ballots.sorted { $0.receipt < $1.receipt }.enumerated().map { number, ballot in
            PBVoter(id: String(number + 1), vote: ballot.items.map { $0.parts[0] },
                    points: cumulative ? ballot.items.map { Int($0.parts[1]) ?? 0 } : nil)
        }
        self.init(meta: meta, metaOrder: order, projectColumns: ["project_id", "cost", "votes"] + (cumulative ? ["score"] : []) + ["name"],
                  projects: projects, voterColumns: ["voter_id", "vote"] + (cumulative ? ["points"] : []), voters: voters)
    }
}
