import Model

/// A reaction to one statement: `<statementId>:agree|disagree|pass`, exactly one per ballot, as the page sends
/// them; so one ballot per key and statement counts, and no ballot can speak for several statements at once.
enum OpinionRules {
    static let stances: Set<String> = ["agree", "disagree", "pass"]

    static func check(_ items: [BallotItem], form: FormSpec) -> Refusal? {
        guard !items.isEmpty else { return Refusal(.tooFewChoices, field: "opinion") }
        guard items.count == 1, let item = items.first else { return Refusal(.tooManyChoices, field: "opinion") }
        guard item.parts.count == 2, form.options.contains(where: { $0.id == item.parts[0] }) else { return Refusal(.invalidChoice, field: "opinion") }
        guard stances.contains(item.parts[1]) else { return Refusal(.invalidChoice, field: "opinion." + item.parts[0]) }
        return nil
    }
}
