import Model

/// Ballots that pick among the form's options: budgets (approval, knapsack, cumulative), supports, petitions.
enum ChoiceRules {
    static func checkOptions(_ items: [BallotItem], form: FormSpec, limit: Int?) -> Refusal? {
        let known = OptionLookup(form: form, lookups: items.count)
        for item in items where item.parts.count != 1 || known.cost(of: item.parts[0]) == nil {
            return Refusal(.invalidChoice, field: "choice")
        }
        return BallotRules.checkCount(items.count, form: form, field: "choice", limit: limit)
    }

    static func checkBudget(_ items: [BallotItem], form: FormSpec) -> Refusal? {
        if let refusal = checkOptions(items, form: form, limit: nil) { return refusal }
        guard let budget = form.constraints.budget else { return nil }
        let costs = OptionLookup(form: form, lookups: items.count)
        let total = items.reduce(0) { $0 + (costs.cost(of: $1.parts[0]) ?? 0) }
        if total > budget { return Refusal(.overBudget, field: "choice") }
        if let share = form.constraints.minBudgetShare, Double(total) < share * Double(budget) {
            return Refusal(.underBudget, field: "choice")
        }
        return nil
    }

    static func checkPoints(_ items: [BallotItem], form: FormSpec) -> Refusal? {
        let known = Set(form.options.map(\.id))
        var total = 0
        for item in items {
            guard item.parts.count == 2, known.contains(item.parts[0]) else { return Refusal(.invalidChoice, field: "points") }
            let field = "points." + item.parts[0]
            guard let points = BallotRules.positiveNumber(item.parts[1]) else { return Refusal(.invalidPoints, field: field) }
            if let most = form.constraints.maxPointsPerOption, points > most { return Refusal(.tooManyPoints, field: field) }
            total += points
        }
        // Two items for one option would hide a per-option excess.
        if Set(items.map { $0.parts[0] }).count != items.count { return Refusal(.conflictingChoices, field: "points") }
        if let available = form.constraints.points, total > available { return Refusal(.tooManyPoints, field: "points") }
        return BallotRules.checkCount(items.count, form: form, field: "points")
    }
}

/// A form's options by id, for the few lookups one ballot makes: a scan when that is cheaper than hashing every
/// option first (a few choices among a few options, the usual ballot), a table otherwise.
private struct OptionLookup {
    private let options: [FormOption]
    private let table: [String: Int]?

    init(form: FormSpec, lookups: Int) {
        options = form.options
        table = lookups * form.options.count > 256
            ? Dictionary(form.options.map { ($0.id, $0.cost ?? 0) }, uniquingKeysWith: { first, _ in first }) : nil
    }

    /// The option's cost (0 when it has none), or nil when the form has no such option.
    func cost(of id: String) -> Int? {
        if let table { return table[id] }
        // By index: `first(where:)` would copy the whole option out.
        for index in options.indices where options[index].id == id { return options[index].cost ?? 0 }
        return nil
    }
}
