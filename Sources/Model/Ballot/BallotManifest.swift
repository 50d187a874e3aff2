import Foundation

/// `public/ballots.json`: every form the site shows, as the collector and the tellers read it.
///
/// `sitegen` writes it; `collector serve` checks submissions against it; `verify` and `tally` count by it.
/// Field names are the JSON's, in snake case; new optional fields may be added without a version change.
public struct BallotManifest: Codable, Equatable, Sendable {
    /// Format version of this file.
    public var version: Int
    /// The site's base URL; the collector's default allowed origin.
    public var site: String
    /// The site's default language, used for messages when a form has none in the participant's language.
    public var defaultLanguage: String
    public var forms: [FormSpec]
    /// SHA-256 (hex) of the canonical JSON of `forms`, so tellers can check which manifest they count by.
    public var hash: String
    /// The site's title per language, for what the tellers print (voting-code cards); outside every hash.
    public var title: [String: String]?
    /// The site's time zone (IANA), in which printed deadlines are given; outside every hash.
    public var timezone: String?
    /// Form id -> language -> the full address of the page that shows the form; outside every hash.
    public var pages: [String: [String: String]]?
    /// Roll id -> the address of its credential issuer, which the site's pages call for credentials; outside every hash.
    public var issuers: [String: String]?

    public init(version: Int = 1, site: String, defaultLanguage: String, forms: [FormSpec], hash: String = "",
                title: [String: String]? = nil, timezone: String? = nil, pages: [String: [String: String]]? = nil,
                issuers: [String: String]? = nil) {
        self.version = version
        self.site = site
        self.defaultLanguage = defaultLanguage
        self.forms = forms
        self.hash = hash
        self.title = title
        self.timezone = timezone
        self.pages = pages
        self.issuers = issuers
    }

    public func form(_ id: String) -> FormSpec? { forms.first { $0.id == id } }

    enum CodingKeys: String, CodingKey {
        case version, site, forms, hash, title, timezone, pages, issuers
        case defaultLanguage = "default_language"
    }
}

/// What a form collects.
public enum FormKind: String, Codable, Sendable, CaseIterable {
    case budget, supports, petition, survey, proposal, comment, opinion
}

/// Who may submit: holders of a voting code from a roll, holders of a credential an issuer blind-signed for a roll,
/// or anyone (with the identity fields the form asks).
public enum Eligibility: String, Codable, Sendable, CaseIterable {
    case roll, credential, open
}

/// One form of the site: its options, its rule, its window and who may take part.
public struct FormSpec: Codable, Equatable, Sendable {
    /// Stable id, the same in every language and across rebuilds, e.g. `city-budget/ward-1/vote`.
    public var id: String
    public var kind: FormKind
    /// Title per language code.
    public var title: [String: String]
    /// The space the form belongs to (its folder in `content/`).
    public var space: String
    public var opens: Date?
    public var closes: Date?
    public var eligibility: Eligibility
    /// For `roll` forms: the roll whose keys may sign (`collector credentials --roll ID`); for `credential` forms,
    /// the roll whose issuer vouches for the keys.
    public var roll: String?
    /// For `credential` forms: the roll's issuer key, base64url of its SubjectPublicKeyInfo in DER.
    public var issuerKey: String?
    /// For `open` forms with an `attested_name` field: the key with which the roll's issuer attests a filer's name
    /// (docs/ISSUER.md, "Filing"), base64url of its SubjectPublicKeyInfo in DER; never the blind-signing key.
    public var filerKey: String?
    public var options: [FormOption]
    public var constraints: FormConstraints
    /// Survey questions, in order.
    public var questions: [SurveyQuestion]
    /// For `open` forms: the identity fields a participant fills in (name, email, ...).
    public var identityFields: [IdentityField]
    /// Petition thresholds and what reaching each one means.
    public var thresholds: [Threshold]
    /// Currency of costs and budget limits (ISO 4217), for budgets.
    public var currency: String?
    /// Budgets: how the winners are counted.
    public var tally: TallySettings?
    /// SHA-256 (hex) of this form's canonical JSON without this field.
    public var hash: String

    public init(id: String, kind: FormKind, title: [String: String], space: String, opens: Date? = nil, closes: Date? = nil,
                eligibility: Eligibility, roll: String? = nil, options: [FormOption] = [], constraints: FormConstraints = FormConstraints(),
                questions: [SurveyQuestion] = [], identityFields: [IdentityField] = [], thresholds: [Threshold] = [],
                currency: String? = nil, tally: TallySettings? = nil, issuerKey: String? = nil, filerKey: String? = nil, hash: String = "") {
        self.id = id
        self.kind = kind
        self.title = title
        self.space = space
        self.opens = opens
        self.closes = closes
        self.eligibility = eligibility
        self.roll = roll
        self.options = options
        self.constraints = constraints
        self.questions = questions
        self.identityFields = identityFields
        self.thresholds = thresholds
        self.currency = currency
        self.tally = tally
        self.issuerKey = issuerKey
        self.filerKey = filerKey
        self.hash = hash
    }

    /// Whether the form accepts submissions at `date`, with `tolerance` seconds of clock skew either side.
    public func isOpen(at date: Date, tolerance: TimeInterval = 0) -> Bool {
        if let opens, date < opens.addingTimeInterval(-tolerance) { return false }
        if let closes, date >= closes.addingTimeInterval(tolerance) { return false }
        return true
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, space, opens, closes, eligibility, roll, options, constraints, questions, thresholds, currency, tally, hash
        case identityFields = "identity_fields"
        case issuerKey = "issuer_key"
        case filerKey = "filer_key"
    }
}

/// A choice on a form: a project, a proposal, a petition, a statement.
public struct FormOption: Codable, Equatable, Sendable {
    /// Stable id inside the form (the content file's name), e.g. `park-benches`.
    public var id: String
    public var title: [String: String]
    /// Cost in whole currency units, for budget projects.
    public var cost: Int?
    public var category: String?
    public var scope: String?

    public init(id: String, title: [String: String], cost: Int? = nil, category: String? = nil, scope: String? = nil) {
        self.id = id
        self.title = title
        self.cost = cost
        self.category = category
        self.scope = scope
    }
}

/// The rule a ballot must keep; each field applies only when set.
public struct FormConstraints: Codable, Equatable, Sendable {
    /// Budget: total amount a ballot may spend (knapsack).
    public var budget: Int?
    /// Budget: least share of `budget` a ballot must spend, 0...1 (Decidim's minimum percentage).
    public var minBudgetShare: Double?
    public var minChoices: Int?
    public var maxChoices: Int?
    /// Cumulative ballots: points to distribute in all.
    public var points: Int?
    /// Cumulative ballots: most points on one option.
    public var maxPointsPerOption: Int?
    /// Supports: how many proposals one participant may support.
    public var supportsPerParticipant: Int?
    /// Supports: least number a participant's supports must reach to count.
    public var minSupportsPerParticipant: Int?
    /// Supports: supports a proposal needs to pass.
    public var threshold: Int?
    /// Supports: whether supports still accrue past the threshold.
    public var accumulate: Bool?
    /// Longest free text, in characters (statements, comments, answers).
    public var maxTextLength: Int?

    public init(budget: Int? = nil, minBudgetShare: Double? = nil, minChoices: Int? = nil, maxChoices: Int? = nil, points: Int? = nil,
                maxPointsPerOption: Int? = nil, supportsPerParticipant: Int? = nil, minSupportsPerParticipant: Int? = nil,
                threshold: Int? = nil, accumulate: Bool? = nil, maxTextLength: Int? = nil) {
        self.budget = budget
        self.minBudgetShare = minBudgetShare
        self.minChoices = minChoices
        self.maxChoices = maxChoices
        self.points = points
        self.maxPointsPerOption = maxPointsPerOption
        self.supportsPerParticipant = supportsPerParticipant
        self.minSupportsPerParticipant = minSupportsPerParticipant
        self.threshold = threshold
        self.accumulate = accumulate
        self.maxTextLength = maxTextLength
    }

    enum CodingKeys: String, CodingKey {
        case budget, points, threshold, accumulate
        case minBudgetShare = "min_budget_share"
        case minChoices = "min_choices"
        case maxChoices = "max_choices"
        case maxPointsPerOption = "max_points_per_option"
        case supportsPerParticipant = "supports_per_participant"
        case minSupportsPerParticipant = "min_supports_per_participant"
        case maxTextLength = "max_text_length"
    }
}

/// A survey question.
public struct SurveyQuestion: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case shortText = "short_text", longText = "long_text", single, multiple, ranking, matrix }

    public var id: String
    public var kind: Kind
    public var title: [String: String]
    public var required: Bool
    /// Answer ids for choice, ranking and matrix questions (matrix: the columns).
    public var choices: [String]
    /// Matrix rows.
    public var rows: [String]
    public var minChoices: Int?
    public var maxChoices: Int?
    public var maxLength: Int?

    public init(id: String, kind: Kind, title: [String: String], required: Bool = false, choices: [String] = [], rows: [String] = [],
                minChoices: Int? = nil, maxChoices: Int? = nil, maxLength: Int? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.required = required
        self.choices = choices
        self.rows = rows
        self.minChoices = minChoices
        self.maxChoices = maxChoices
        self.maxLength = maxLength
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, required, choices, rows
        case minChoices = "min_choices"
        case maxChoices = "max_choices"
        case maxLength = "max_length"
    }
}

/// A field an `open` form asks of the participant (petitions: name, email, age confirmation).
public struct IdentityField: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case text, email, checkbox, postcode
        /// A name the roll's issuer attests from the identity provider's claims: the page fills it, the collector
        /// checks the attestation (`filer_key`).
        case attestedName = "attested_name"
    }

    public var id: String
    public var kind: Kind
    public var required: Bool
    public var label: [String: String]

    public init(id: String, kind: Kind, required: Bool = true, label: [String: String]) {
        self.id = id
        self.kind = kind
        self.required = required
        self.label = label
    }
}

/// A petition threshold: the count and what reaching it means.
public struct Threshold: Codable, Equatable, Sendable {
    public var count: Int
    public var consequence: [String: String]

    public init(count: Int, consequence: [String: String]) {
        self.count = count
        self.consequence = consequence
    }
}

/// How a budget form is counted: the rule, the amount to allocate and the rule's settings.
public struct TallySettings: Codable, Equatable, Sendable {
    public var rule: TallyRule
    /// The amount the winning projects may use, in whole currency units.
    public var total: Int
    /// Least score (votes, or points for cumulative ballots) a project needs to be funded.
    public var threshold: Int?
    /// Equal Shares with Add1: also stop raising the per-voter budget at the first exhaustive outcome.
    public var stopsWhenExhaustive: Bool?

    public init(rule: TallyRule, total: Int, threshold: Int? = nil, stopsWhenExhaustive: Bool? = nil) {
        self.rule = rule
        self.total = total
        self.threshold = threshold
        self.stopsWhenExhaustive = stopsWhenExhaustive
    }

    enum CodingKeys: String, CodingKey {
        case rule, total, threshold
        case stopsWhenExhaustive = "stops_when_exhaustive"
    }
}
