/// Surveys and statements: counts per answer; free text set aside for CSV.
public enum SurveyTally {
    /// Per question: how many answered, and counts per choice (`row:column` for a matrix; for a ranking, how
    /// many put each choice first). Text answers go to the returned list instead.
    public static func count(_ form: FormSpec, ballots: [CountedBallot]) -> ([QuestionResult], [TextAnswer]) {
        var answered: [String: Int] = [:]
        var counts: [String: [String: Int]] = [:]
        var texts: [TextAnswer] = []
        let kinds = Dictionary(form.questions.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        for ballot in ballots {
            var seen = Set<String>()
            for item in ballot.items {
                let question = item.parts[0]
                guard let kind = kinds[question] else { continue }
                if seen.insert(question).inserted { answered[question, default: 0] += 1 }
                let answer = Array(item.parts.dropFirst())
                switch kind {
                case .single, .multiple:
                    counts[question, default: [:]][answer[0], default: 0] += 1
                case .matrix:
                    counts[question, default: [:]][answer.joined(separator: ":"), default: 0] += 1
                case .ranking:
                    if answer[0] == "1" { counts[question, default: [:]][answer[1], default: 0] += 1 }
                case .shortText, .longText:
                    texts.append(TextAnswer(receipt: ballot.receipt, question: question, text: answer[0]))
                }
            }
        }
        let results = form.questions.map { QuestionResult(id: $0.id, answered: answered[$0.id] ?? 0, counts: counts[$0.id] ?? [:]) }
        return (results, sortedAnswers(texts))
    }

    /// Per statement: how many agreed, disagreed and passed.
    public static func opinions(_ form: FormSpec, ballots: [CountedBallot]) -> [QuestionResult] {
        var counts: [String: [String: Int]] = [:]
        for ballot in ballots {
            for item in ballot.items where item.parts.count == 2 { counts[item.parts[0], default: [:]][item.parts[1], default: 0] += 1 }
        }
        return form.options.map { option in
            let stances = counts[option.id] ?? [:]
            return QuestionResult(id: option.id, answered: stances.values.reduce(0, +), counts: stances)
        }
    }

    /// Proposals and comments: every `title:`, `text:`, `author:` item as a text answer.
    public static func texts(_ ballots: [CountedBallot]) -> [TextAnswer] {
        sortedAnswers(ballots.flatMap { ballot in
            ballot.items.filter { $0.parts.count == 2 }.map { TextAnswer(receipt: ballot.receipt, question: $0.parts[0], text: $0.parts[1]) }
        })
    }

    private static func sortedAnswers(_ answers: [TextAnswer]) -> [TextAnswer] {
        answers.sorted { ($0.receipt, $0.question) < ($1.receipt, $1.question) }
    }
}
