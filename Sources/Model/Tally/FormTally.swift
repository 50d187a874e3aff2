import Foundation

/// A form's count: the result the site shows and the free text that goes to CSV.
public struct FormCount: Equatable, Sendable {
    public var result: FormResult
    public var textAnswers: [TextAnswer]
}

/// Counts the valid ballots of one form by the form's rule (docs/RESULTS.md); the same input gives the same result.
public enum FormTally {
    public static func count(_ form: FormSpec, ballots: [CountedBallot], participation: Participation, countedAt: Date,
                             audit: String? = nil) throws -> FormCount {
        var result = FormResult(form: form.id, kind: form.kind, countedAt: countedAt, participation: participation, audit: audit)
        var answers: [TextAnswer] = []
        switch form.kind {
        case .budget:
            let count = try BudgetFormTally.count(form, ballots: ballots)
            result.rule = count.rule
            result.budget = count.budget
            result.options = count.options
            result.notes = count.notes
        case .supports:
            let count = SupportsTally.count(form, ballots: ballots)
            result.rule = "supports"
            result.options = count.options
            result.notes = count.notes
        case .petition:
            result.rule = "signatures"
            result.signatures = ballots.count
            result.thresholds = PetitionTally.thresholds(form, ballots: ballots)
        case .survey:
            result.rule = "counts per answer"
            (result.questions, answers) = SurveyTally.count(form, ballots: ballots)
        case .opinion:
            result.rule = "counts per statement, opinion groups"
            result.questions = SurveyTally.opinions(form, ballots: ballots)
            (result.opinionMap, result.notes) = OpinionTally.map(form, ballots: ballots)
        case .proposal, .comment:
            result.rule = "texts"
            answers = SurveyTally.texts(ballots)
        }
        return FormCount(result: result, textAnswers: answers)
    }
}
