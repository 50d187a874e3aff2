import Model

/// Reactions to statements: `<statementId>:agree|disagree|pass`, one per statement.
enum OpinionRules {
    static let stances: Set<String> = ["agree", "disagree", "pass"]

    static func check(_ items: [BallotItem], form: FormSpec) -> Refusal? {
        let statements = Set(form.options.map(\.id))
        var seen = Set<String>()
        for item in items {
            guard item.parts.count == 2, statements.contains(item.parts[0]) else { return Refusal(.invalidChoice, field: "opinion") }
            let field = "opinion." + item.parts[0]
            guard stances.contains(item.parts[1]) else { return Refusal(.invalidChoice, field: field) }
            guard seen.insert(item.parts[0]).inserted else { return Refusal(.conflictingChoices, field: field) }
        }
        return BallotRules.checkCount(items.count, form: form, field: "opinion")
    }
}
