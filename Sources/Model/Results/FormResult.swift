import Foundation

/// The counted result of one form, as `collector tally` writes it and `sitegen` publishes it
/// (`content/_results/<any path>.json`; format in docs/RESULTS.md).
public struct FormResult: Codable, Equatable, Sendable {
    public var form: String
    public var kind: FormKind
    /// The counting rule, e.g. `greedy` or `equal-shares-add1`.
    public var rule: String?
    public var countedAt: Date
    public var participation: Participation
    public var budget: BudgetUsage?
    public var options: [OptionResult]
    /// Petitions: valid signatures counted.
    public var signatures: Int?
    public var thresholds: [ThresholdResult]
    public var questions: [QuestionResult]
    /// Site-relative path of the audit bundle that recounts this result.
    public var audit: String?
    /// How the count went, in words: the rule as applied, the tie-break, completion steps, ballots set aside.
    public var notes: [String]?
    /// Opinion conversations: participants on two axes, their groups, distinctive and consensus statements.
    public var opinionMap: OpinionResult?

    public init(form: String, kind: FormKind, rule: String? = nil, countedAt: Date, participation: Participation, budget: BudgetUsage? = nil,
                options: [OptionResult] = [], signatures: Int? = nil, thresholds: [ThresholdResult] = [], questions: [QuestionResult] = [], audit: String? = nil,
                notes: [String]? = nil) {
        self.form = form
        self.kind = kind
        self.rule = rule
        self.countedAt = countedAt
        self.participation = participation
        self.budget = budget
        self.options = options
        self.signatures = signatures
        self.thresholds = thresholds
        self.questions = questions
        self.audit = audit
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case form, kind, rule, participation, budget, options, signatures, thresholds, questions, audit, notes
        case countedAt = "counted_at"
        case opinionMap = "opinion_map"
    }
}

/// How many took part.
public struct Participation: Codable, Equatable, Sendable {
    public var submitted: Int
    public var valid: Int
    public var rejected: Int
    /// Size of the roll, when the form was voted with codes.
    public var eligible: Int?

    public init(submitted: Int, valid: Int, rejected: Int, eligible: Int? = nil) {
        self.submitted = submitted
        self.valid = valid
        self.rejected = rejected
        self.eligible = eligible
    }
}

/// A budget's total and how much the winning projects use.
public struct BudgetUsage: Codable, Equatable, Sendable {
    public var total: Int
    public var used: Int
    public var currency: String

    public init(total: Int, used: Int, currency: String) {
        self.total = total
        self.used = used
        self.currency = currency
    }
}

/// One option's count and outcome, with the reason in words.
public struct OptionResult: Codable, Equatable, Sendable {
    public var id: String
    public var votes: Int
    /// Points or score, for cumulative and ordinal ballots.
    public var score: Double?
    public var cost: Int?
    public var selected: Bool?
    /// Why it won or lost in English, e.g. "selected in round 3 with 1234 votes".
    public var reason: String?
    /// Budgets: the same reason as data, which the pages word in their language.
    public var why: OptionWhy?

    public init(id: String, votes: Int, score: Double? = nil, cost: Int? = nil, selected: Bool? = nil, reason: String? = nil, why: OptionWhy? = nil) {
        self.id = id
        self.votes = votes
        self.score = score
        self.cost = cost
        self.selected = selected
        self.reason = reason
        self.why = why
    }
}

/// When a petition threshold was reached, if it was.
public struct ThresholdResult: Codable, Equatable, Sendable {
    public var count: Int
    public var reachedAt: Date?

    public init(count: Int, reachedAt: Date? = nil) {
        self.count = count
        self.reachedAt = reachedAt
    }

    enum CodingKeys: String, CodingKey {
        case count
        case reachedAt = "reached_at"
    }
}

/// Per-answer counts of a survey question.
public struct QuestionResult: Codable, Equatable, Sendable {
    public var id: String
    public var answered: Int
    /// Choice id (or `row:column` for matrices) -> count.
    public var counts: [String: Int]

    public init(id: String, answered: Int, counts: [String: Int]) {
        self.id = id
        self.answered = answered
        self.counts = counts
    }
}
