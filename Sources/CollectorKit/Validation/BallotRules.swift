import Model

/// Whether a ballot's items are choices its form offers, within the form's constraints.
///
/// Refusals name the form-post field that carries the offending part (`choice`, `points.<id>`, `q.<id>`,
/// `opinion.<id>`, `title`, `text`), so the no-JS answer page and the script can point at it.
public enum BallotRules {
    public static func check(_ items: [BallotItem], form: FormSpec) -> Refusal? {
        switch form.kind {
        case .budget:
            return form.constraints.points == nil ? ChoiceRules.checkBudget(items, form: form) : ChoiceRules.checkPoints(items, form: form)
        case .supports:
            return ChoiceRules.checkOptions(items, form: form, limit: form.constraints.supportsPerParticipant)
        case .petition:
            if items.contains(where: { $0.parts.count == 2 && TextRules.fields.contains($0.parts[0]) }) {
                return TextRules.check(items, form: form, required: ["title", "text"])
            }
            return ChoiceRules.checkOptions(items, form: form, limit: nil)
        case .survey:
            return SurveyRules.check(items, form: form)
        case .opinion:
            return OpinionRules.check(items, form: form)
        case .proposal:
            return TextRules.check(items, form: form, required: ["title", "text"])
        case .comment:
            return TextRules.check(items, form: form, required: ["text"])
        }
    }

    /// The value of a canonical positive decimal (`1`, `40`; not `0`, `040`, `+4`), at most nine digits.
    static func positiveNumber(_ text: String) -> Int? {
        guard (1...9).contains(text.utf8.count), text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              text.utf8.first != UInt8(ascii: "0")
        else { return nil }
        return Int(text)
    }

    static func checkCount(_ count: Int, form: FormSpec, field: String, limit: Int? = nil) -> Refusal? {
        if let min = form.constraints.minChoices, count < min { return Refusal(.tooFewChoices, field: field) }
        if let max = form.constraints.maxChoices, count > max { return Refusal(.tooManyChoices, field: field) }
        if let limit, count > limit { return Refusal(.tooManyChoices, field: field) }
        return nil
    }
}
