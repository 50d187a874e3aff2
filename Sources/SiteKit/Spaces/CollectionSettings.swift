import Foundation
import Model

/// A folder of items of one kind inside a space, declared by `component:` in its `_index` file.
public enum ComponentKind: String, Sendable, CaseIterable {
    case proposals, budget, petitions, meetings
}

/// Supports on proposals, as CONSUL and Decidim configure them.
public struct SupportSettings: Sendable, Equatable {
    public var perParticipant: Int?
    public var minPerParticipant: Int?
    public var threshold: Int?
    public var accumulate = true
}

/// How a budget ballot is filled in.
public enum BallotRule: String, Sendable, CaseIterable {
    /// Any projects whose costs fit in the budget.
    case knapsack
    /// Between a minimum and a maximum number of projects, costs ignored (k-approval when both are equal).
    case approval
    /// Points distributed over projects (Aarau).
    case cumulative
}

/// The settings of a collection: what its form asks and how it is counted.
public enum CollectionSettings: Sendable, Equatable {
    case proposals(ProposalsSettings)
    case budget(BudgetSettings)
    case petitions(PetitionsSettings)
    case meetings

    var kind: ComponentKind {
        switch self {
        case .proposals: .proposals
        case .budget: .budget
        case .petitions: .petitions
        case .meetings: .meetings
        }
    }

    /// What makes a folder a collection of `kind`, and what each kind's `_index` cannot do without.
    static func required(for kind: ComponentKind) -> [RequiredSetting] {
        let component = RequiredSetting(key: "component", example: kind.rawValue, meaning: "what the folder holds: " + ComponentKind.allCases.map(\.rawValue).joined(separator: ", "))
        return [component] + (kind == .budget ? BudgetSettings.required : [])
    }

    static func keys(for kind: ComponentKind) -> [String] {
        switch kind {
        case .proposals: ["component", "purpose", "submissions", "supports", "page_size"]
        case .budget: ["component", "total", "currency", "ballot", "eligibility", "roll", "tally", "min_projects", "max_projects", "min_share", "points", "max_points_per_project"]
        case .petitions: ["component", "thresholds", "identity_fields", "filing", "eligibility", "roll"]
        case .meetings: ["component"]
        }
    }

    static func read(_ reader: YAMLReader, kind: ComponentKind) -> CollectionSettings {
        switch kind {
        case .proposals: .proposals(ProposalsSettings.read(reader))
        case .budget: .budget(BudgetSettings.read(reader))
        case .petitions: .petitions(PetitionsSettings.read(reader))
        case .meetings: .meetings
        }
    }
}

/// A proposals collection: its purpose, whether participants may add proposals, and supports.
public struct ProposalsSettings: Sendable, Equatable {
    public var purpose: String?
    public var submissions = false
    public var supports: SupportSettings?
    public var pageSize = 12

    static func read(_ reader: YAMLReader) -> ProposalsSettings {
        var settings = ProposalsSettings()
        settings.purpose = reader.string("purpose")
        settings.submissions = reader.bool("submissions") ?? false
        settings.pageSize = reader.int("page_size") ?? 12
        if settings.pageSize < 1 { reader.report("page_size", "`page_size` must be at least 1", hint: "e.g. `page_size: 12`") }
        if let supports = reader.mapping("supports") {
            var values = SupportSettings()
            values.perParticipant = supports.int("per_participant")
            values.minPerParticipant = supports.int("min_per_participant")
            values.threshold = supports.int("threshold")
            values.accumulate = supports.bool("accumulate") ?? true
            supports.finish(allowed: ["per_participant", "min_per_participant", "threshold", "accumulate"], context: "`supports`")
            if let low = values.minPerParticipant, let high = values.perParticipant, low > high {
                supports.report("min_per_participant", "the minimum of supports is above the limit of \(high)", hint: "lower `min_per_participant` or raise `per_participant`")
            }
            settings.supports = values
        }
        return settings
    }
}

/// A budget: amount, currency, the ballot's rule and the counting rule.
public struct BudgetSettings: Sendable, Equatable {
    public var total: Int
    public var currency: String
    public var ballot: BallotRule
    public var eligibility: Eligibility
    public var roll: String?
    public var tally: TallyRule
    public var minProjects: Int?
    public var maxProjects: Int?
    /// Least share of the budget a ballot must spend, in percent (Decidim).
    public var minShare: Int?
    public var points: Int?
    public var maxPointsPerProject: Int?

    static let total = RequiredSetting(key: "total", example: "1500000", meaning: "whole currency units")
    /// Required while `eligibility` is `roll`, its default.
    static let roll = RequiredSetting(key: "roll", example: "city-2026", meaning: "the roll made by `collector credentials`, or `eligibility: open`")
    static let required = [total, roll]

    static func read(_ reader: YAMLReader) -> BudgetSettings {
        let total = reader.int("total")
        if reader.node("total") == nil {
            reader.sink.error(reader.file, line: reader.line("component"), "a budget needs its `total`", hint: Self.total.hint)
        }
        let currency = reader.string("currency") ?? "EUR"
        if currency.count != 3 || !currency.allSatisfy({ $0.isUppercase && $0.isASCII }) {
            reader.report("currency", "`\(currency)` is not an ISO 4217 currency code", hint: "e.g. `USD`, `EUR`, `GBP`")
        }
        var settings = BudgetSettings(total: total ?? 0, currency: currency, ballot: reader.choice("ballot", as: BallotRule.self) ?? .knapsack,
                                      eligibility: reader.choice("eligibility", as: Eligibility.self) ?? .roll, roll: reader.string("roll"),
                                      tally: reader.choice("tally", as: TallyRule.self) ?? .greedy)
        settings.minProjects = reader.int("min_projects")
        settings.maxProjects = reader.int("max_projects")
        settings.minShare = reader.int("min_share")
        settings.points = reader.int("points")
        settings.maxPointsPerProject = reader.int("max_points_per_project")
        if let share = settings.minShare, !(0...100).contains(share) {
            reader.report("min_share", "`min_share` is a percentage of the budget", hint: "write a number from 0 to 100")
        }
        if settings.ballot == .cumulative && settings.points == nil {
            reader.report("ballot", "a cumulative ballot needs `points`", hint: "add `points: 10`, the points each participant distributes")
        }
        if settings.eligibility != .open && settings.roll == nil {
            reader.sink.error(reader.file, line: reader.line("component"), "a budget voted with codes or credentials needs a `roll`", hint: Self.roll.hint)
        }
        if let low = settings.minProjects, let high = settings.maxProjects, low > high {
            reader.report("min_projects", "`min_projects` is above `max_projects`", hint: "lower one or raise the other")
        }
        return settings
    }
}

/// Petitions: thresholds and what they bring, who may sign (anyone giving the identity fields, or holders of a
/// roll's code or credential), and filing, which always asks the identity fields (a name the roll's issuer attests,
/// with `attested_name`).
public struct PetitionsSettings: Sendable, Equatable {
    public var thresholds: [(count: Int, consequence: String)] = []
    public var identityFields: [IdentityFieldSpec] = []
    public var filing = false
    public var eligibility: Eligibility = .open
    public var roll: String?

    public static func == (a: PetitionsSettings, b: PetitionsSettings) -> Bool {
        a.thresholds.map(\.count) == b.thresholds.map(\.count) && a.thresholds.map(\.consequence) == b.thresholds.map(\.consequence)
            && a.identityFields == b.identityFields && a.filing == b.filing && a.eligibility == b.eligibility && a.roll == b.roll
    }

    static func read(_ reader: YAMLReader) -> PetitionsSettings {
        var settings = PetitionsSettings()
        settings.filing = reader.bool("filing") ?? false
        settings.eligibility = reader.choice("eligibility", as: Eligibility.self) ?? .open
        settings.roll = reader.string("roll")
        if settings.eligibility != .open && settings.roll == nil {
            reader.report("eligibility", "petitions signed with codes or credentials need a `roll`",
                          hint: "add `roll: <roll id>` (for credentials, one that site.yaml's `credential_issuers` lists) or use `eligibility: open`")
        }
        settings.thresholds = reader.entries("thresholds", context: "threshold") { entry in
            let count = entry.int("count")
            let consequence = entry.requiredString("consequence", hint: "say what reaching it means, e.g. `The committee examines the petition.`")
            entry.finish(allowed: ["count", "consequence"], context: "a threshold")
            guard let count, let consequence else { return nil }
            return (count, consequence)
        }?.sorted { $0.count < $1.count } ?? []
        settings.identityFields = reader.entries("identity_fields", context: "identity field") { entry in
            let id = entry.identifier("id", hint: "e.g. `name`, `email`, `adult`")
            let kind = entry.choice("kind", as: IdentityField.Kind.self) ?? .text
            let label = entry.requiredString("label", hint: "the label shown beside the field")
            let required = entry.bool("required") ?? true
            entry.finish(allowed: ["id", "kind", "label", "required"], context: "an identity field")
            guard let id, let label else { return nil }
            return IdentityFieldSpec(id: id, kind: kind, required: required, label: label)
        } ?? []
        let attested = settings.identityFields.filter { $0.kind == .attestedName }
        if settings.identityFields.contains(where: { $0.id == FilerAttestation.identityKey }) {
            reader.report("identity_fields", "an identity field is called `\(FilerAttestation.identityKey)`, the name the issuer's attestation travels under",
                          hint: "give the field another `id`")
        } else if attested.count > 1 {
            reader.report("identity_fields", "\(attested.count) identity fields are `attested_name`; the issuer attests one name",
                          hint: "keep one field of kind `attested_name`")
        } else if let field = attested.first, settings.eligibility == .open {
            // The signing form asks the same fields: an attested name there would name every signer to the committee.
            reader.report("identity_fields", "the field `\(field.id)` is an `attested_name`, which is for filing, but these petitions are signed `open` with the same fields",
                          hint: "sign with `eligibility: credential` and `roll:` (anonymous signatures, identified filing), or use `kind: text`")
        } else if let field = attested.first, !field.required {
            reader.report("identity_fields", "the field `\(field.id)` is an `attested_name` with `required: false`; a filing without it would not be identified",
                          hint: "remove `required: false`")
        }
        return settings
    }
}

/// An identity field as written in one language's file.
public struct IdentityFieldSpec: Sendable, Equatable {
    public var id: String
    public var kind: IdentityField.Kind
    public var required: Bool
    public var label: String
}
