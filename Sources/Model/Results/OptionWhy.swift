import Foundation

/// Why a budget project was funded or not, as data: the pages word it in their own language, with titles and
/// formatted amounts (docs/COUNTING.md 5.7, "Reasons"); `reason` beside it says the same in English.
public struct OptionWhy: Codable, Equatable, Sendable {
    /// What happened: `selected`, `selected_equal_shares`, `costs_nothing`, `selected_by_completion`,
    /// `does_not_fit`, `stops_counting`, `not_reached`, `below_threshold`, `not_carried_out`, `no_votes`,
    /// `supporters_cannot_afford`.
    public var code: String
    public var round: Int?
    /// Votes or points, as `kind` says.
    public var score: Int?
    public var kind: String?
    public var threshold: Int?
    /// Money left when the project was met.
    public var left: Int?
    public var cost: Int?
    /// Equal Shares: what the supporters held, as `%.2f` text.
    public var held: String?
    /// Equal Shares: the effective vote count and the most one supporter paid, as `%.2f` text.
    public var effectiveVotes: String?
    public var maxPayment: String?
    /// The project at which counting stopped.
    public var stoppedAt: String?
    /// Every tie the project was part of, in the order the rule met them.
    public var ties: [TieWhy]

    enum CodingKeys: String, CodingKey {
        case code, round, score, kind, threshold, left, cost, held, ties
        case effectiveVotes = "effective_votes"
        case maxPayment = "max_payment"
        case stoppedAt = "stopped_at"
    }
}

/// Projects a rule found equal, as data: `order` after the tie-break, `decided_by` the criterion between each
/// neighbouring pair.
public struct TieWhy: Codable, Equatable, Sendable {
    /// The Equal Shares round; absent for a greedy ranking.
    public var round: Int?
    /// The shared votes or points, or the shared effective vote count (`%.2f` text).
    public var score: Int?
    public var kind: String?
    public var effectiveVotes: String?
    public var order: [String]
    /// `more votes`, `lower cost` or `lower id`.
    public var decidedBy: [String]

    enum CodingKeys: String, CodingKey {
        case round, score, kind, order
        case effectiveVotes = "effective_votes"
        case decidedBy = "decided_by"
    }
}

extension OptionWhy {
    /// The data behind `result.explanation`.
    public init(_ result: ProjectResult) {
        let money = { (amount: Decimal) in NSDecimalNumber(decimal: amount).intValue }
        let cents = { (value: Double) in String(format: "%.2f", value) }
        self.init(code: "", ties: result.ties.map(TieWhy.init))
        switch result.reason {
        case let .selected(round, score, kind):
            set("selected", round: round, score: score, kind: kind)
        case let .selectedByEqualShares(round, effective, maxPayment):
            set("selected_equal_shares", round: round)
            effectiveVotes = cents(effective)
            self.maxPayment = cents(maxPayment)
        case let .costsNothing(votes):
            set("costs_nothing", score: votes, kind: .votes)
        case let .selectedByCompletion(round, votes):
            set("selected_by_completion", round: round, score: votes, kind: .votes)
        case let .doesNotFit(left, cost):
            set("does_not_fit", left: money(left), cost: money(cost))
        case let .stopsCounting(left, cost):
            set("stops_counting", left: money(left), cost: money(cost))
        case let .notReached(stoppedAt):
            set("not_reached")
            self.stoppedAt = stoppedAt
        case let .belowThreshold(score, threshold, kind):
            set("below_threshold", score: score, kind: kind)
            self.threshold = threshold
        case let .notCarriedOut(cost):
            set("not_carried_out", cost: money(cost))
        case .noSupport:
            set("no_votes")
        case let .supportersCannotAfford(round, held, cost):
            set("supporters_cannot_afford", round: round, cost: money(cost))
            self.held = cents(held)
        }
    }

    private mutating func set(_ code: String, round: Int? = nil, score: Int? = nil, kind: ScoreKind? = nil, left: Int? = nil, cost: Int? = nil) {
        self.code = code
        self.round = round
        self.score = score
        self.kind = kind?.rawValue
        self.left = left
        self.cost = cost
    }
}

extension TieWhy {
    init(_ tie: TieRecord) {
        self.init(round: tie.round, order: tie.order, decidedBy: tie.decidedBy.map(\.rawValue))
        switch tie.equal {
        case let .score(score, kind):
            self.score = score
            self.kind = kind.rawValue
        case let .effectiveVotes(effective):
            effectiveVotes = effective
        }
    }
}
