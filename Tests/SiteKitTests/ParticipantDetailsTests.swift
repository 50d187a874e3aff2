import Foundation
import XCTest
@testable import SiteKit

/// Issue 21, point 8: the small things a participant notices on a French site.
final class ParticipantDetailsTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    /// A French budget whose vote is open on the fixture's date (2026-06-01), and a survey with a content hint and
    /// a free-text question, already counted.
    private static let site = """
    -- content/site.yaml --
    title: Ville
    base_url: https://example.org/
    default_language: fr
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
        start: 2026-05-01
        end: 2026-06-30
        actions: [vote, read]
    ---
    -- content/budget/projets/_index.fr.md --
    ---
    title: Projets
    component: budget
    total: 100000
    currency: EUR
    eligibility: open
    ---
    -- content/budget/projets/bancs.fr.md --
    ---
    title: Bancs
    cost: 40000
    ---
    -- content/enquete.fr.md --
    ---
    title: Enquête
    type: survey
    eligibility: open
    closes: 2026-05-20
    questions:
      - id: gouts
        type: multiple
        title: Qu'aimez-vous ?
        help: Deux choix au plus, obligatoire.
        required: true
        max: 2
        choices:
          - {id: parcs, title: Parcs}
          - {id: marches, title: Marchés}
          - {id: velo, title: Vélo}
      - id: avis
        type: long_text
        title: Votre avis
    ---
    -- content/_results/enquete.json --
    {"form": "enquete/answers", "kind": "survey", "counted_at": "2026-05-21T10:00:00Z",
     "participation": {"submitted": 12, "valid": 12, "rejected": 0}, "options": [], "thresholds": [],
     "questions": [{"id": "gouts", "answered": 12, "counts": {"parcs": 7, "marches": 5}}, {"id": "avis", "answered": 9, "counts": {}}]}
    """

    private func built(at now: String = "2026-06-01T12:00:00Z") throws -> SiteFixture {
        let site = try SiteFixture(Self.site)
        fixtures.append(site)
        try site.build { $0.now = DateParsing.parse(now)! }
        return site
    }

    func testTheSpacesVoteActionIsALinkToTheBallot() throws {
        let space = try built().read("fr/budget/index.html")
        XCTAssertContains(space, "<li><a href=\"/fr/budget/projets/\">Voter</a></li>")
        XCTAssertContains(space, "<li><span>S&#39;informer et suivre</span></li>")
    }

    func testAClosedBallotDoesNotInviteToSendIt() throws {
        let site = try built()
        XCTAssertContains(try site.read("fr/budget/projets/index.html"), "data-msg-ok=\"Votre bulletin respecte les règles. Vous pouvez l&#39;envoyer.\"")
        let closed = try built(at: "2026-07-02T12:00:00Z").read("fr/budget/projets/index.html")
        XCTAssertContains(closed, "data-msg-ok=\"\"")
        XCTAssertNotContains(closed, "Vous pouvez l&#39;envoyer")
    }

    func testFrenchPutsANarrowNoBreakSpaceBeforeDoublePunctuation() throws {
        let site = try built()
        let ballot = try site.read("fr/budget/projets/index.html")
        XCTAssertContains(ballot, "Choisir\u{202F}: Bancs</label>")
        XCTAssertContains(ballot, "Budget\u{202F}:")
        XCTAssertContains(try site.read("en/budget/projets/index.html"), "Choose: Bancs</label>")
        let strings = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes/default/i18n/fr.yaml"), encoding: .utf8)
        for line in strings.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...]
            for (previous, mark) in zip(value, value.dropFirst()) where ":;?!".contains(mark) && previous != "\u{202F}" && previous != "/" {
                XCTFail("fr.yaml: `\(mark)` without a narrow no-break space before it in: \(line)")
            }
        }
    }

    func testTheContentsHintReplacesTheAutomaticOne() throws {
        let survey = try built(at: "2026-05-10T12:00:00Z").read("fr/enquete/index.html")
        XCTAssertContains(survey, "<p class=\"help\">Deux choix au plus, obligatoire.</p>")
        XCTAssertNotContains(survey, "Choisissez jusqu")
        XCTAssertEqual(survey.components(separatedBy: "class=\"help\"").count - 1, 1, "the free-text question has no hint of its own")
    }

    func testAFreeTextQuestionsResultIsItsCountAndANoteNotAnEmptyTable() throws {
        let survey = try built().read("fr/enquete/index.html")
        XCTAssertContains(survey, "<p class=\"free-text-result\">9 participants ont répondu. Les réponses écrites sont lues une à une\u{202F}; elles ne sont pas comptées par choix.</p>")
        XCTAssertEqual(survey.components(separatedBy: "<table>").count - 1, 1, "only the choice question has a table")
    }
}
