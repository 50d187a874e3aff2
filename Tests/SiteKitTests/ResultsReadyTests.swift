import Foundation
import Model
import XCTest
@testable import SiteKit

/// Issue 21, point 5: results ready to publish. Reasons in the page's language with titles and amounts, chart labels
/// wrapped rather than cut, and no result above a ballot still open.
final class ResultsReadyTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    /// A French budget voted in June 2026 and a survey closing on 20 May, both counted; the result file's English
    /// `reason` names ids, its `why` holds the same as data.
    private static let site = """
    -- content/site.yaml --
    title: Ville
    base_url: https://example.org/
    default_language: fr
    timezone: Europe/Paris
    languages:
      - code: fr
        name: Français
      - code: en
        name: English
    -- content/_index.fr.md --
    ---
    title: Accueil
    ---
    -- content/budget/_index.fr.md --
    ---
    title: Budget participatif
    kind: budget
    phases:
      - id: vote
        title: Vote
        start: 2026-06-01
        end: 2026-06-30
        actions: [vote]
    ---
    -- content/budget/projets/_index.fr.md --
    ---
    title: Projets
    component: budget
    total: 100000
    currency: EUR
    eligibility: open
    ---
    -- content/budget/projets/aire-de-jeux.fr.md --
    ---
    title: Aire de jeux du parc des Tilleuls avec toboggan, balançoires et bancs ombragés
    cost: 60000
    ---
    -- content/budget/projets/bancs-fontaines.fr.md --
    ---
    title: Bancs et fontaines
    cost: 50000
    ---
    -- content/budget/projets/aire-de-jeux.en.md --
    ---
    title: Playground in Linden Park
    ---
    -- content/enquete.fr.md --
    ---
    title: Enquête
    type: survey
    eligibility: open
    closes: 2026-05-20
    questions:
      - id: gouts
        type: single
        title: Qu'aimez-vous ?
        choices:
          - {id: parcs, title: Parcs}
          - {id: marches, title: Marchés}
      - id: avis
        type: long_text
        title: Votre avis
    ---
    -- content/_results/enquete.json --
    {"form": "enquete/answers", "kind": "survey", "counted_at": "2026-05-21T10:00:00Z",
     "participation": {"submitted": 3, "valid": 3, "rejected": 0}, "options": [], "thresholds": [],
     "questions": [{"id": "gouts", "answered": 3, "counts": {"parcs": 2, "marches": 1}}, {"id": "avis", "answered": 2, "counts": {}}]}
    -- content/_results/budget/projets/vote.json --
    {"form": "budget/projets/vote", "kind": "budget", "rule": "greedy", "counted_at": "2026-07-01T10:00:00Z",
     "participation": {"submitted": 4, "valid": 4, "rejected": 0}, "budget": {"total": 100000, "used": 60000, "currency": "EUR"},
     "options": [
      {"id": "aire-de-jeux", "votes": 2, "cost": 60000, "selected": true,
       "reason": "selected in round 1 with 2 votes; tied on 2 votes: aire-de-jeux before bancs-fontaines (lower id)",
       "why": {"code": "selected", "round": 1, "score": 2, "kind": "votes",
               "ties": [{"score": 2, "kind": "votes", "order": ["aire-de-jeux", "bancs-fontaines"], "decided_by": ["lower id"]}]}},
      {"id": "bancs-fontaines", "votes": 2, "cost": 50000, "selected": false,
       "reason": "does not fit: 40000 left, costs 50000; tied on 2 votes: aire-de-jeux before bancs-fontaines (lower id)",
       "why": {"code": "does_not_fit", "left": 40000, "cost": 50000,
               "ties": [{"score": 2, "kind": "votes", "order": ["aire-de-jeux", "bancs-fontaines"], "decided_by": ["lower id"]}]}}],
     "thresholds": [], "questions": [], "notes": []}
    """

    private func built(at now: String = "2026-07-02T12:00:00Z", _ extra: String = "", editing edit: (String) -> String = { $0 }) throws -> SiteFixture {
        let site = try SiteFixture(edit(Self.site))
        fixtures.append(site)
        try site.write(extra)
        try site.build { $0.now = DateParsing.parse(now)! }
        return site
    }

    func testReasonsAreInThePagesLanguageWithTitlesAndFormattedAmounts() throws {
        let site = try built()
        let french = try site.read("fr/budget/projets/index.html")
        let euros = { (amount: Int) in MarkupEscape.escape(Formats(language: "fr", timeZone: TimeZone(identifier: "UTC")!).money(Double(amount), currency: "EUR")) }
        XCTAssertContains(french, "Plus assez d&#39;argent\u{202F}: il reste \(euros(40000)), le projet coûte \(euros(50000)).")
        XCTAssertContains(french, "Financé au tour 1 avec 2 voix.")
        XCTAssertContains(french, "À égalité sur 2 voix, départagés dans cet ordre\u{202F}: Aire de jeux du parc des Tilleuls avec toboggan, "
                          + "balançoires et bancs ombragés, Bancs et fontaines (ordre des identifiants de projet).")
        XCTAssertNotContains(french, "does not fit")
        XCTAssertNotContains(french, "bancs-fontaines before")

        let english = try site.read("en/budget/projets/index.html")
        XCTAssertContains(english, "Funded in round 1 with 2 votes. Tied on 2 votes, settled in this order: Playground in Linden Park, "
                          + "Bancs et fontaines (order of the project identifiers).")
        XCTAssertContains(english, "Not enough money left: €40,000 left, it costs €50,000.")
    }

    func testAResultWithoutDataKeepsItsEnglishReason() throws {
        let site = try built(at: "2026-07-02T12:00:00Z", """
        -- content/_results/budget/projets/vote.json --
        {"form": "budget/projets/vote", "kind": "budget", "rule": "greedy", "counted_at": "2026-07-01T10:00:00Z",
         "participation": {"submitted": 1, "valid": 1, "rejected": 0}, "budget": {"total": 100000, "used": 0, "currency": "EUR"},
         "options": [{"id": "bancs-fontaines", "votes": 1, "cost": 50000, "selected": false, "reason": "does not fit: 40000 left, costs 50000"}],
         "thresholds": [], "questions": [], "notes": []}
        """)
        XCTAssertContains(try site.read("fr/budget/projets/index.html"), "<td>does not fit: 40000 left, costs 50000</td>")
    }

    func testChartLabelsWrapInsteadOfBeingCut() throws {
        let page = try built().read("fr/budget/projets/index.html")
        let start = try XCTUnwrap(page.range(of: "<svg class=\"chart\""))
        let svg = String(page[start.lowerBound...])
        XCTAssertContains(svg, "<tspan x=\"0\">2 · Aire de jeux du parc des Tilleuls avec toboggan,</tspan>"
                          + "<tspan x=\"0\" dy=\"18\">balançoires et bancs ombragés</tspan>")
        XCTAssertEqual(BarChart.wrap(String(repeating: "a", count: 70) + " b"), [String(repeating: "a", count: 70), "b"])
        XCTAssertEqual(BarChart.wrap("Bancs"), ["Bancs"])
    }

    func testAFormsResultWaitsUntilItCloses() throws {
        let open = try built(at: "2026-06-15T12:00:00Z")
        let ballot = try open.read("fr/budget/projets/index.html")
        XCTAssertNotContains(ballot, "id=\"results-title\"")
        XCTAssertNotContains(ballot, "Financé au tour")
        XCTAssertContains(ballot, "<p class=\"results-held\">Les résultats seront publiés ici après la clôture du vote (30 juin 2026).</p>")
        XCTAssertContains(try open.read("en/budget/projets/index.html"), "Results will be published here once voting has closed (June 30, 2026).")
        XCTAssertNotContains(try open.read("fr/data/budget/data.json"), "does_not_fit")  // the open data waits too

        let survey = try built(at: "2026-05-10T12:00:00Z").read("fr/enquete/index.html")
        XCTAssertNotContains(survey, "id=\"results-title\"")
        XCTAssertContains(survey, "après la clôture du vote (20 mai 2026)")

        let closed = try built(at: "2026-07-01T00:00:00Z").read("fr/budget/projets/index.html")
        XCTAssertContains(closed, "id=\"results-title\"")
        XCTAssertNotContains(closed, "results-held")
    }

    func testASpaceOrASurveyMayShowItsResultsWhileOpen() throws {
        let space = try built(at: "2026-06-15T12:00:00Z") { $0.replacingOccurrences(of: "kind: budget\n", with: "kind: budget\nresults_while_open: true\n") }
        XCTAssertContains(try space.read("fr/budget/projets/index.html"), "id=\"results-title\"")
        XCTAssertNotContains(try space.read("fr/budget/projets/index.html"), "results-held")

        let survey = try built(at: "2026-05-10T12:00:00Z") { $0.replacingOccurrences(of: "closes: 2026-05-20\n", with: "closes: 2026-05-20\nresults_while_open: true\n") }
        XCTAssertContains(try survey.read("fr/enquete/index.html"), "id=\"results-title\"")
    }
}
