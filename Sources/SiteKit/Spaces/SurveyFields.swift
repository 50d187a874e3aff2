import Foundation
import Model

/// A survey question as written in one language's file.
public struct QuestionSpec: Sendable, Equatable {
    public var id: String
    public var kind: SurveyQuestion.Kind
    public var title: String
    public var help: String?
    public var required: Bool
    public var choices: [Label]
    public var rows: [Label]
    public var min: Int?
    public var max: Int?
    public var maxLength: Int?
}

/// A survey's own front matter: its window, who may answer and its questions.
public struct SurveyFields: Sendable, Equatable {
    public var opens: Date?
    public var closes: Date?
    public var eligibility: Eligibility = .open
    public var roll: String?
    public var questions: [QuestionSpec] = []
    /// Whether the survey shows its counted results before it closes (ResultVisibility).
    public var resultsWhileOpen = false

    static let keys = ["opens", "closes", "eligibility", "roll", "questions", "results_while_open"]

    static func read(_ reader: YAMLReader) -> SurveyFields {
        var fields = SurveyFields()
        fields.opens = reader.date("opens")
        fields.closes = reader.endDate("closes")
        fields.eligibility = reader.choice("eligibility", as: Eligibility.self) ?? .open
        fields.roll = reader.string("roll")
        fields.resultsWhileOpen = reader.bool("results_while_open") ?? false
        if fields.eligibility != .open && fields.roll == nil {
            reader.report("eligibility", "a survey answered with codes or credentials needs a `roll`", hint: "add `roll: <roll id>` or use `eligibility: open`")
        }
        fields.questions = reader.entries("questions", context: "question") { entry in
            let id = entry.identifier("id", hint: "a short id such as `travel`")
            let kind = entry.choice("type", as: SurveyQuestion.Kind.self)
            if entry.node("type") == nil {
                entry.sink.error(entry.file, line: entry.line("id"), "question `\(id ?? "?")` has no `type`",
                                 hint: "use one of: \(SurveyQuestion.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let title = entry.requiredString("title", hint: "the question as participants read it")
            var question = QuestionSpec(id: id ?? "", kind: kind ?? .shortText, title: title ?? "", help: entry.string("help"),
                                        required: entry.bool("required") ?? false,
                                        choices: SpaceSettings.readLabels(entry, key: "choices"), rows: SpaceSettings.readLabels(entry, key: "rows"),
                                        min: entry.int("min"), max: entry.int("max"), maxLength: entry.int("max_length"))
            entry.finish(allowed: ["id", "type", "title", "help", "required", "choices", "rows", "min", "max", "max_length"], context: "a question")
            guard id != nil, kind != nil, title != nil else { return nil }
            switch question.kind {
            case .single, .multiple, .ranking, .matrix:
                if question.choices.count < 2 {
                    entry.sink.error(entry.file, line: entry.line("id"), "question `\(question.id)` needs at least two `choices`", hint: "list them as `- id: ...` with a `title`")
                }
            case .shortText, .longText:
                if question.maxLength == nil { question.maxLength = question.kind == .shortText ? 200 : 2000 }
            }
            if question.kind == .matrix && question.rows.isEmpty {
                entry.sink.error(entry.file, line: entry.line("id"), "matrix question `\(question.id)` needs `rows`", hint: "list the statements to rate as `rows`")
            }
            if let min = question.min, let max = question.max, min > max {
                entry.report("min", "`min` is above `max`", hint: "lower `min` or raise `max`")
            }
            return question
        } ?? []
        var seen: Set<String> = []
        for question in fields.questions where !seen.insert(question.id).inserted {
            reader.report("questions", "two questions have the id `\(question.id)`", hint: "give each question its own id")
        }
        return fields
    }
}
