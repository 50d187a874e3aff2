import Model

/// Survey answers: `<qid>:<answer>`, `<qid>:<rank>:<choiceId>` for rankings, `<qid>:<row>:<column>` for matrices.
enum SurveyRules {
    static func check(_ items: [BallotItem], form: FormSpec) -> Refusal? {
        var answers: [String: [[String]]] = [:]
        for item in items { answers[item.parts[0], default: []].append(Array(item.parts.dropFirst())) }
        let questions = Dictionary(form.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        if answers.keys.contains(where: { questions[$0] == nil }) { return Refusal(.invalidChoice, field: "q") }
        for question in form.questions {
            let field = "q." + question.id
            let given = answers[question.id] ?? []
            if given.isEmpty {
                if question.required { return Refusal(.missingAnswer, field: field) }
                continue
            }
            if let refusal = check(given, question: question, form: form, field: field) { return refusal }
        }
        return nil
    }

    private static func check(_ given: [[String]], question: SurveyQuestion, form: FormSpec, field: String) -> Refusal? {
        let choices = Set(question.choices)
        switch question.kind {
        case .single:
            guard given.count == 1 else { return Refusal(.conflictingChoices, field: field) }
            guard given[0].count == 1, choices.contains(given[0][0]) else { return Refusal(.invalidChoice, field: field) }
        case .multiple:
            guard given.allSatisfy({ $0.count == 1 && choices.contains($0[0]) }) else { return Refusal(.invalidChoice, field: field) }
            return checkCount(given.count, question: question, field: field)
        case .shortText, .longText:
            guard given.count == 1, given[0].count == 1 else { return Refusal(.conflictingChoices, field: field) }
            let limit = question.maxLength ?? form.constraints.maxTextLength
            if let limit, TextRules.length(given[0][0]) > limit { return Refusal(.textTooLong, field: field) }
        case .ranking:
            guard given.allSatisfy({ $0.count == 2 && choices.contains($0[1]) }) else { return Refusal(.invalidChoice, field: field) }
            let ranks = given.compactMap { BallotRules.positiveNumber($0[0]) }
            // Ranks are 1...k without gaps, each choice ranked once.
            guard ranks.count == given.count, Set(ranks) == Set(1...given.count), Set(given.map { $0[1] }).count == given.count else {
                return Refusal(.conflictingChoices, field: field)
            }
            return checkCount(given.count, question: question, field: field)
        case .matrix:
            let rows = Set(question.rows)
            guard given.allSatisfy({ $0.count == 2 && rows.contains($0[0]) && choices.contains($0[1]) }) else {
                return Refusal(.invalidChoice, field: field)
            }
            guard Set(given.map { $0[0] }).count == given.count else { return Refusal(.conflictingChoices, field: field) }
            if question.required, given.count < rows.count { return Refusal(.missingAnswer, field: field) }
        }
        return nil
    }

    private static func checkCount(_ count: Int, question: SurveyQuestion, field: String) -> Refusal? {
        if let min = question.minChoices, count < min { return Refusal(.tooFewChoices, field: field) }
        if let max = question.maxChoices, count > max { return Refusal(.tooManyChoices, field: field) }
        return nil
    }
}
