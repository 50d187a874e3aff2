import Foundation

/// The result of a budgeting rule: what was funded, in which order, and why each project won or lost.
public struct BudgetOutcome: Equatable, Sendable {
    /// The rule as applied, e.g. "greedy by votes, threshold 50".
    public var rule: String
    /// Funded project ids in the order the rule selected them.
    public var selected: [String]
    public var totalCost: Decimal
    public var budget: Decimal
    /// One entry per project, in the problem's project order.
    public var projects: [ProjectResult]
    /// Every tie the rule had to break, in the order it met them.
    public var ties: [TieRecord]
    /// How the rule was chosen and how completion steps went (Add1 budget, comparison with greedy).
    public var notes: [String]

    /// The entry for one project id.
    public func result(for id: String) -> ProjectResult? { projects.first { $0.id == id } }
}

/// Whether one project was funded and why.
public struct ProjectResult: Equatable, Sendable {
    public var id: String
    public var reason: ProjectReason
    /// The tie this project was part of, stated in words.
    public var tie: String?
    /// The ties this project was part of, in the order the rule met them.
    public var ties: [TieRecord] = []

    public var isSelected: Bool { reason.isSelected }

    /// The reason and any tie in one sentence, for result pages.
    public var explanation: String { tie.map { "\(reason); \($0)" } ?? reason.description }
}

/// Why a project was funded or not.
public enum ProjectReason: Equatable, Sendable, CustomStringConvertible {
    /// Funded by a greedy rule, `round` counting funded projects.
    case selected(round: Int, score: Int, kind: ScoreKind)
    /// Funded by Equal Shares; `effectiveVotes` is cost / the most any supporter paid.
    case selectedByEqualShares(round: Int, effectiveVotes: Double, maxPayment: Double)
    /// Funded by Equal Shares without payment because it costs nothing.
    case costsNothing(votes: Int)
    /// Funded by greedy completion after Equal Shares.
    case selectedByCompletion(round: Int, votes: Int)
    case doesNotFit(left: Decimal, cost: Decimal)
    /// Did not fit, and the rule stops at the first project that does not fit.
    case stopsCounting(left: Decimal, cost: Decimal)
    /// Never considered: counting stopped at an earlier project.
    case notReached(stoppedAt: String)
    case belowThreshold(score: Int, threshold: Int, kind: ScoreKind)
    /// Listed with Pabulib's sentinel cost for projects that could not be carried out.
    case notCarriedOut(cost: Decimal)
    case noSupport
    /// Under Equal Shares its supporters no longer held enough money.
    case supportersCannotAfford(round: Int, held: Double, cost: Decimal)

    public var isSelected: Bool {
        switch self {
        case .selected, .selectedByEqualShares, .costsNothing, .selectedByCompletion: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case let .selected(round, score, kind):
            return "selected in round \(round) with \(score) \(kind.rawValue)"
        case let .selectedByEqualShares(round, effective, maxPayment):
            return "selected in round \(round) under Equal Shares with an effective vote count of "
                + "\(Self.format(effective)) (no supporter paid more than \(Self.format(maxPayment)))"
        case let .costsNothing(votes):
            return "selected at no cost with \(votes) votes"
        case let .selectedByCompletion(round, votes):
            return "added in round \(round) by greedy completion with \(votes) votes"
        case let .doesNotFit(left, cost):
            return "does not fit: \(left) left, costs \(cost)"
        case let .stopsCounting(left, cost):
            return "does not fit: \(left) left, costs \(cost); counting stops here"
        case let .notReached(stoppedAt):
            return "not reached: counting stopped at \(stoppedAt)"
        case let .belowThreshold(score, threshold, kind):
            return "below the threshold: \(score) \(kind.rawValue), needs \(threshold)"
        case let .notCarriedOut(cost):
            return "cost \(cost) marks a project that could not be carried out"
        case .noSupport:
            return "no votes"
        case let .supportersCannotAfford(round, held, cost):
            return "under Equal Shares its supporters held \(Self.format(held)) in round \(round), it costs \(cost)"
        }
    }

    private static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// Projects a rule found equal, in the order the tie-break put them.
public struct TieRecord: Equatable, Sendable {
    /// The Equal Shares round, or nil for a greedy ranking.
    public var round: Int?
    /// What they were equal on.
    public var equal: TieEqual
    /// Project ids, first to last after the tie-break.
    public var order: [String]
    /// The criterion that separated each neighbouring pair in `order`.
    public var decidedBy: [TieBreak]

    /// What they were equal on in words, e.g. "1234 votes" or "an effective vote count of 24.00".
    public var equalOn: String {
        switch equal {
        case let .score(score, kind): return "\(score) \(kind.rawValue)"
        case let .effectiveVotes(effective): return "an effective vote count of \(effective)"
        }
    }

    public var description: String {
        var text = round.map { "round \($0): " } ?? ""
        text += "tied on \(equalOn): " + order[0]
        for (id, key) in zip(order.dropFirst(), decidedBy) { text += " before \(id) (\(key.rawValue))" }
        return text
    }
}

/// The value tied projects shared.
public enum TieEqual: Equatable, Sendable {
    /// The same votes or points under a greedy ranking.
    case score(Int, ScoreKind)
    /// The same effective vote count in an Equal Shares round, as `%.2f` text.
    case effectiveVotes(String)
}
