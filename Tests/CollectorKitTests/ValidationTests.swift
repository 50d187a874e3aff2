import CollectorKit
import Foundation
import Model
import XCTest

final class ValidationTests: XCTestCase {
    func refusal(_ form: FormSpec, _ items: [BallotItem]) -> Refusal? { BallotRules.check(items, form: form) }

    func testBudgetsKeepTheirLimitsAndShares() {
        var form = Fixtures.budget
        XCTAssertNil(refusal(form, [BallotItem("park-benches"), BallotItem("bike-lanes")]))
        XCTAssertEqual(refusal(form, [BallotItem("library-roof"), BallotItem("bike-lanes")])?.code, .overBudget)
        form.constraints.minBudgetShare = 0.5
        XCTAssertEqual(refusal(form, [BallotItem("park-benches")])?.code, .underBudget)
        form.constraints.minChoices = 1
        XCTAssertEqual(refusal(form, [])?.code, .tooFewChoices)
        XCTAssertEqual(refusal(form, [BallotItem("park-benches", "1")])?.code, .invalidChoice)
    }

    func testCumulativePointsAreCanonicalPositiveAndWithinTheirLimits() {
        let form = Fixtures.points
        XCTAssertNil(refusal(form, [BallotItem("a", "6"), BallotItem("b", "4")]))
        XCTAssertEqual(refusal(form, [BallotItem("a", "6"), BallotItem("b", "5")])?.code, .tooManyPoints)
        XCTAssertEqual(refusal(form, [BallotItem("a", "7")]), Refusal(.tooManyPoints, field: "points.a"))
        for bad in ["0", "06", "-1", "1.5", "9999999999", "1e3"] {
            XCTAssertEqual(refusal(form, [BallotItem("a", bad)])?.code, .invalidPoints, bad)
        }
        XCTAssertEqual(refusal(form, [BallotItem("a", "1"), BallotItem("a", "2")])?.code, .conflictingChoices)
    }

    func testSurveysCheckEachQuestionByItsKind() {
        let form = Fixtures.survey
        XCTAssertNil(refusal(form, [BallotItem("mood", "good")]))
        XCTAssertEqual(refusal(form, []), Refusal(.missingAnswer, field: "q.mood"))
        XCTAssertEqual(refusal(form, [BallotItem("mood", "good"), BallotItem("mood", "bad")])?.code, .conflictingChoices)
        XCTAssertEqual(refusal(form, [BallotItem("mood", "meh")])?.code, .invalidChoice)
        XCTAssertEqual(refusal(form, [BallotItem("mood", "good"), BallotItem("nope", "x")]), Refusal(.invalidChoice, field: "q"))
        XCTAssertEqual(refusal(form, [BallotItem("mood", "good")] + ["food", "safety", "sport"].map { BallotItem("topics", $0) })?.code, .tooManyChoices)
        XCTAssertEqual(refusal(form, [BallotItem("mood", "good"), BallotItem("rank", "1", "x"), BallotItem("rank", "3", "y")])?.code, .conflictingChoices)
        XCTAssertEqual(refusal(form, [BallotItem("mood", "good"), BallotItem("rank", "1", "x"), BallotItem("rank", "2", "x")])?.code, .conflictingChoices)
        XCTAssertEqual(refusal(form, [BallotItem("mood", "good"), BallotItem("grid", "r1", "yes"), BallotItem("grid", "r1", "no")])?.code, .conflictingChoices)
        XCTAssertEqual(refusal(form, [BallotItem("mood", "good"), BallotItem("grid", "r3", "yes")])?.code, .invalidChoice)
        XCTAssertEqual(refusal(form, [BallotItem("mood", "good"), BallotItem("say", String(repeating: "é", count: 21))])?.code, .textTooLong)
    }

    func testOpinionsAndTextsKeepTheirShape() {
        XCTAssertNil(refusal(Fixtures.opinion, [BallotItem("s2", "pass")]))
        XCTAssertEqual(refusal(Fixtures.opinion, [BallotItem("s1", "maybe")])?.code, .invalidChoice)
        XCTAssertEqual(refusal(Fixtures.opinion, [BallotItem("s3", "agree")])?.code, .invalidChoice)
        XCTAssertEqual(refusal(Fixtures.opinion, [])?.code, .tooFewChoices)
        XCTAssertEqual(refusal(Fixtures.opinion, [BallotItem("s1", "agree"), BallotItem("s2", "pass")])?.code, .tooManyChoices,
                       "one statement per ballot, so one ballot per key and statement counts")
        XCTAssertNil(refusal(Fixtures.proposal, [BallotItem("title", "T"), BallotItem("text", "Body")]))
        XCTAssertEqual(refusal(Fixtures.proposal, [BallotItem("title", "T")]), Refusal(.missingAnswer, field: "text"))
        XCTAssertEqual(refusal(Fixtures.proposal, [BallotItem("title", "T"), BallotItem("text", String(repeating: "x", count: 51))])?.code, .textTooLong)
        XCTAssertEqual(refusal(Fixtures.proposal, [BallotItem("title", "T"), BallotItem("text", "x"), BallotItem("mood", "x")])?.code, .invalidChoice)
        XCTAssertNil(refusal(Fixtures.petition, []), "signing a petition is an empty ballot with identity fields")
    }

    func testTheFormsWindowHonoursTheTolerance() {
        let check = SubmissionCheck(manifest: Fixtures.manifest, tolerance: 120)
        XCTAssertNil(check.checkOpen(Fixtures.closed, at: Fixtures.closed.closes!.addingTimeInterval(100)))
        XCTAssertEqual(check.checkOpen(Fixtures.closed, at: Fixtures.closed.closes!.addingTimeInterval(121))?.code, .formClosed)
        XCTAssertNil(check.checkOpen(Fixtures.future, at: Fixtures.future.opens!.addingTimeInterval(-100)))
        XCTAssertEqual(check.checkOpen(Fixtures.future, at: Fixtures.future.opens!.addingTimeInterval(-121))?.code, .formNotOpen)
    }
}
