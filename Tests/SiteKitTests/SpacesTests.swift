import Foundation
import Model
import XCTest
@testable import SiteKit

/// Participatory spaces built from one fixture site: a city budget by ward, proposals, petitions, a survey,
/// meetings and a debate. The fixture's build date is 2026-06-01, inside the voting phase.
final class SpacesTests: XCTestCase {
    private static var built: SiteFixture?

    static let site = SiteFixture.site + """

    -- content/site.yaml --
    title:
      en: Test City
      fr: Ville test
    base_url: https://example.org/
    collector_url: https://vote.example.org/
    default_language: en
    languages:
      - code: en
        name: English
      - code: fr
        name: Français
    -- content/city/_index.en.md --
    ---
    title: City budget
    vote_in: own-plus-one
    ---
    Ten wards, one budget each.
    -- content/city/ward-1/_index.en.md --
    ---
    title: Ward 1
    kind: budget
    results_while_open: true
    colors:
      primary: "#0b6e4f"
    phases:
      - id: ideas
        title: Ideas
        start: 2026-01-01
        end: 2026-02-28
        actions: [propose, support]
      - id: voting
        title: Voting
        description: Choose the projects.
        start: 2026-05-01
        end: 2026-06-30
        actions: [vote]
    categories:
      - id: parks
        title: Parks
      - id: streets
        title: Streets
    scopes:
      - id: north
        title: North
        population: 12000
    ---
    -- content/city/ward-1/_index.fr.md --
    ---
    title: Quartier 1
    kind: budget
    phases:
      - id: ideas
        title: Idées
        start: 2026-01-01
        end: 2026-02-28
      - id: voting
        title: Vote
        start: 2026-05-01
        end: 2026-06-30
    categories:
      - id: parks
        title: Parcs
    ---
    -- content/city/ward-2/_index.en.md --
    ---
    title: Ward 2
    kind: budget
    phases:
      - id: voting
        title: Voting
        start: 2026-09-01
        end: 2026-09-30
        actions: [vote]
    ---
    -- content/city/ward-2/projects/_index.en.md --
    ---
    title: Projects of ward 2
    component: budget
    total: 1200000
    currency: USD
    ballot: cumulative
    points: 10
    max_points_per_project: 5
    eligibility: open
    ---
    -- content/city/ward-2/projects/pool.en.md --
    ---
    title: Swimming pool repairs
    cost: 700000
    ---
    -- content/city/ward-1/projects/_index.en.md --
    ---
    title: Projects of ward 1
    component: budget
    total: 1500000
    currency: USD
    min_share: 50
    max_projects: 3
    roll: city-2026
    ---
    -- content/city/ward-1/projects/benches.en.md --
    ---
    title: Park benches
    cost: 250000
    category: parks
    ---
    -- content/city/ward-1/projects/lights.en.md --
    ---
    title: Street lights
    cost: 900000
    category: streets
    ---
    -- content/city/ward-1/projects/lights.fr.md --
    ---
    title: Éclairage public
    cost: 900000
    category: streets
    ---
    -- content/city/ward-1/ideas/_index.en.md --
    ---
    title: Ideas for ward 1
    component: proposals
    purpose: Tell us what the ward needs.
    submissions: true
    page_size: 2
    supports:
      per_participant: 5
      threshold: 100
    ---
    -- content/city/ward-1/ideas/tree.en.md --
    ---
    title: Plant trees on Main Street
    category: parks
    scope: north
    date: 2026-01-10
    ---
    -- content/city/ward-1/ideas/bike.en.md --
    ---
    title: A bike lane to the school
    category: streets
    date: 2026-01-12
    state: accepted
    answer: The council will build it in 2027.
    ---
    -- content/city/ward-1/ideas/bins.en.md --
    ---
    title: More recycling bins
    category: streets
    date: 2026-01-14
    ---
    -- content/city/ward-1/meetings/_index.en.md --
    ---
    title: Meetings
    component: meetings
    ---
    -- content/city/ward-1/meetings/assembly.en.md --
    ---
    title: Ward assembly
    start: 2026-06-10T18:30:00-05:00
    end: 2026-06-10T20:30:00-05:00
    timezone: America/Chicago
    place: Ward 1 library
    ---
    1. Welcome
    2. The projects
    -- content/city/ward-1/survey.en.md --
    ---
    title: How do you get around?
    type: survey
    questions:
      - id: mode
        type: single
        title: How do you usually travel?
        required: true
        choices:
          - id: walk
            title: On foot
          - id: bike
            title: By bike
      - id: ideas
        type: long_text
        title: Any other idea?
    ---
    -- content/city/ward-1/debate.en.md --
    ---
    title: Should the library open on Sundays?
    type: debate
    opens: 2026-05-01
    closes: 2026-07-31
    ---
    -- content/parliament/_index.en.md --
    ---
    title: Petitions
    kind: petitions
    results_while_open: true
    component: petitions
    filing: true
    phases:
      - id: open
        title: Open
        start: 2026-01-01
        end: 2026-12-31
        actions: [sign, propose]
    committees:
      - id: health
        title: Health committee
    thresholds:
      - count: 100000
        consequence: The committee examines the petition.
      - count: 500000
        consequence: The petition may be debated in plenary.
    identity_fields:
      - id: name
        label: Your name
      - id: email
        kind: email
        label: Your email
      - id: adult
        kind: checkbox
        label: I am 18 or older
    ---
    -- content/parliament/clinics.en.md --
    ---
    title: Open clinics on weekends
    committee: health
    ---
    -- content/_results/ward-1-vote.json --
    {"form": "city/ward-1/projects/vote", "kind": "budget", "rule": "greedy", "counted_at": "2026-07-02T10:00:00Z",
     "participation": {"submitted": 120, "valid": 118, "rejected": 2, "eligible": 1000},
     "budget": {"total": 1500000, "used": 1150000, "currency": "USD"},
     "options": [{"id": "lights", "votes": 90, "cost": 900000, "selected": true, "reason": "selected in round 1 with 90 votes"},
                 {"id": "benches", "votes": 60, "cost": 250000, "selected": true, "reason": "selected in round 2 with 60 votes"}],
     "thresholds": [], "questions": []}
    -- content/_results/survey.json --
    {"form": "city/ward-1/survey/answers", "kind": "survey", "counted_at": "2026-05-30T10:00:00Z",
     "participation": {"submitted": 40, "valid": 40, "rejected": 0}, "options": [], "thresholds": [],
     "questions": [{"id": "mode", "answered": 40, "counts": {"walk": 25, "bike": 15}}]}
    -- content/_results/clinics.json --
    {"form": "parliament/clinics/sign", "kind": "petition", "counted_at": "2026-05-30T10:00:00Z",
     "participation": {"submitted": 150000, "valid": 150000, "rejected": 0}, "signatures": 150000,
     "options": [], "thresholds": [{"count": 100000, "reached_at": "2026-04-03T09:00:00Z"}], "questions": []}
    -- content/_results/city/ward-1/ideas/supports.json --
    {"form": "city/ward-1/ideas/supports", "kind": "supports", "counted_at": "2026-05-30T10:00:00Z", "audit": "audit/city/ward-1/ideas/supports/",
     "participation": {"submitted": 9, "valid": 9, "rejected": 0}, "options": [{"id": "bike", "votes": 7}], "thresholds": [], "questions": []}
    -- content/_audit/city/ward-1/ideas/supports/index.html --
    <!doctype html><title>Audit bundle of city/ward-1/ideas/supports</title>
    """

    private func site() throws -> SiteFixture {
        if let built = Self.built { return built }
        let fixture = try SiteFixture(Self.site)
        let report = try fixture.build()
        XCTAssertEqual(report.warnings.filter { !$0.message.contains("UI string") }, [])
        Self.built = fixture
        return fixture
    }

    override class func tearDown() { built?.remove() }

    private func manifest() throws -> BallotManifest {
        try BallotManifest.decoder().decode(BallotManifest.self, from: Data(contentsOf: try site().output.appendingPathComponent("ballots.json")))
    }

    func testTheSpacePageHighlightsThePhaseOfTheBuildDate() throws {
        let page = try site().read("en/city/ward-1/index.html")
        XCTAssertContains(page, "<li class=\"phase phase-current\" aria-current=\"step\">")
        XCTAssertContains(page, "<li class=\"phase phase-past\">")
        XCTAssertContains(page, "<strong>Now:</strong> Voting")
        XCTAssertContains(page, "<li><a href=\"/en/city/ward-1/projects/\">Vote</a></li>")
        let charter = CharterStylesheet.path(of: ":root{--color-primary:#0b6e4f}\n")
        XCTAssertContains(page, "<link rel=\"stylesheet\" href=\"/\(charter)\">")
        XCTAssertContains(try site().read(charter), "--color-primary:#0b6e4f")
        XCTAssertContains(try site().read("fr/city/ward-1/index.html"), "<h3>Idées</h3>")
        let group = try site().read("en/city/index.html")
        XCTAssertContains(group, "<strong>Next:</strong> Voting")
        XCTAssertContains(group, "<a href=\"/en/city/ward-1/\">Ward 1</a>")
    }

    func testTheManifestListsEveryFormWithStableIdsAndTheirRules() throws {
        let manifest = try manifest()
        XCTAssertEqual(manifest.forms.map(\.id), ["city/ward-1/debate/comment", "city/ward-1/ideas/propose", "city/ward-1/ideas/supports",
                                                  "city/ward-1/projects/vote", "city/ward-1/survey/answers", "city/ward-2/projects/vote",
                                                  "parliament/clinics/sign", "parliament/file"])
        let cumulative = try XCTUnwrap(manifest.form("city/ward-2/projects/vote"))
        XCTAssertEqual(cumulative.constraints.points, 10)
        XCTAssertEqual(cumulative.constraints.maxPointsPerOption, 5)
        XCTAssertNil(cumulative.constraints.budget)
        XCTAssertEqual(cumulative.eligibility, .open)
        XCTAssertEqual(manifest.hash, try manifest.sealed().hash)
        let vote = try XCTUnwrap(manifest.form("city/ward-1/projects/vote"))
        XCTAssertEqual(vote.kind, .budget)
        XCTAssertEqual(vote.eligibility, .roll)
        XCTAssertEqual(vote.roll, "city-2026")
        XCTAssertEqual(vote.constraints.budget, 1_500_000)
        XCTAssertEqual(vote.constraints.minBudgetShare, 0.5)
        XCTAssertEqual(vote.constraints.maxChoices, 3)
        XCTAssertEqual(vote.options.map(\.id), ["benches", "lights"])
        XCTAssertEqual(vote.options.map(\.cost), [250_000, 900_000])
        XCTAssertEqual(vote.options[1].title, ["en": "Street lights", "fr": "Éclairage public"])
        XCTAssertEqual(vote.opens, DateParsing.parse("2026-05-01"))
        XCTAssertEqual(vote.closes, DateParsing.parse("2026-07-01"))
        let supports = try XCTUnwrap(manifest.form("city/ward-1/ideas/supports"))
        XCTAssertEqual(supports.constraints.supportsPerParticipant, 5)
        XCTAssertEqual(supports.constraints.threshold, 100)
        let petition = try XCTUnwrap(manifest.form("parliament/clinics/sign"))
        XCTAssertEqual(petition.thresholds.map(\.count), [100_000, 500_000])
        XCTAssertEqual(petition.identityFields.map(\.id), ["name", "email", "adult"])
        XCTAssertEqual(manifest.form("city/ward-1/survey/answers")?.questions.map(\.id), ["mode", "ideas"])
    }

    func testEveryFormPostsToTheCollectorWithItsManifestId() throws {
        let site = try site()
        for (page, id) in [("en/city/ward-1/projects/index.html", "city/ward-1/projects/vote"), ("fr/city/ward-1/projects/index.html", "city/ward-1/projects/vote"),
                           ("en/parliament/index.html", "parliament/file"),
                           ("en/parliament/clinics/index.html", "parliament/clinics/sign"), ("en/city/ward-1/survey/index.html", "city/ward-1/survey/answers"),
                           ("en/city/ward-1/debate/index.html", "city/ward-1/debate/comment")] {
            XCTAssertContains(try site.read(page), "method=\"post\" action=\"https://vote.example.org/v1/forms/\(id)\" data-form-id=\"\(id)\"")
        }
        // Proposals were due in the ideas phase, which is over: the page says so and shows no form.
        let ideas = try site.read("en/city/ward-1/ideas/index.html")
        XCTAssertContains(ideas, "<p class=\"form-status\">Closed on February 28, 2026")
        XCTAssertNotContains(ideas, "data-form-id=\"city/ward-1/ideas/propose\"")
    }

    func testTheBudgetBallotStatesItsRuleAndCarriesItsConstraints() throws {
        let page = try site().read("en/city/ward-1/projects/index.html")
        XCTAssertContains(page, "Choose the projects you want, as long as their costs add up to no more than $1,500,000.")
        XCTAssertContains(page, "Your choices must add up to at least $750,000 (50% of the budget).")
        XCTAssertContains(page, "Choose at most 3 projects.")
        XCTAssertContains(page, "data-budget=\"1500000\" data-currency=\"USD\" data-min-amount=\"750000\"")
        XCTAssertContains(page, "<input id=\"choice-lights\" name=\"choice\" type=\"checkbox\" value=\"lights\" data-option=\"lights\" data-cost=\"900000\">")
        XCTAssertContains(page, "name=\"code\"")
        let french = try site().read("fr/city/ward-1/projects/index.html")
        XCTAssertContains(french, "<li class=\"card project\" lang=\"en\" dir=\"ltr\">")
        XCTAssertContains(french, "Éclairage public")
    }

    func testACumulativeBallotAndTheGuideThroughSeveralBudgets() throws {
        let page = try site().read("en/city/ward-2/projects/index.html")
        XCTAssertContains(page, "Share your 10 points among the projects you prefer.")
        XCTAssertContains(page, "At most 5 points per project.")
        XCTAssertContains(page, "<input id=\"points-pool\" name=\"points.pool\" type=\"number\" min=\"0\" max=\"5\"")
        XCTAssertNotContains(page, "name=\"code\"")
        XCTAssertContains(page, "You may vote in the budget of your own area and in one other.")
        XCTAssertContains(page, "<a href=\"/en/city/ward-2/projects/\" aria-current=\"page\">Ward 2</a>")
        XCTAssertContains(page, "<a href=\"/en/city/ward-1/projects/\">Ward 1</a>")
        XCTAssertContains(try site().read("en/city/index.html"), "You may vote in the budget of your own area and in one other.")
    }

    func testPublishedResultsShowWinnersWithAChartAndATable() throws {
        let page = try site().read("en/city/ward-1/projects/index.html")
        XCTAssertContains(page, "118 valid ballots")
        XCTAssertContains(page, "$1,150,000 of $1,500,000 are used by the selected projects.")
        XCTAssertContains(page, "<svg class=\"chart\"")
        XCTAssertContains(page, "<tr class=\"selected\"><th scope=\"row\">Street lights</th><td>90</td><td>$900,000</td><td>Selected</td><td>selected in round 1 with 90 votes</td></tr>")
    }

    func testProposalsHaveLinkedFilterSortAndPageVariants() throws {
        let site = try site()
        let listing = try site.read("en/city/ward-1/ideas/index.html")
        XCTAssertContains(listing, "<a href=\"/en/city/ward-1/ideas/category/parks/\" data-value=\"parks\">Parks</a>")
        XCTAssertContains(listing, "<a href=\"/en/city/ward-1/ideas/page/2/\">2</a>")
        XCTAssertContains(listing, "You can support up to 5 proposals.")
        XCTAssertContains(listing, "More recycling bins")
        XCTAssertNotContains(listing, "Plant trees on Main Street</a></h3>")
        let parks = try site.read("en/city/ward-1/ideas/category/parks/index.html")
        XCTAssertContains(parks, "Plant trees on Main Street")
        XCTAssertNotContains(parks, "A bike lane to the school</a></h3>")
        XCTAssertContains(parks, "aria-current=\"page\" data-value=\"parks\"")
        XCTAssertTrue(site.exists("en/city/ward-1/ideas/sort/supported/index.html"))
        XCTAssertTrue(site.exists("en/city/ward-1/ideas/sort/random/index.html"))
        XCTAssertTrue(site.exists("en/city/ward-1/ideas/state/accepted/index.html"))
        XCTAssertContains(listing, #"{"title":"A bike lane to the school","url":"/en/city/ward-1/ideas/bike/"}"#)
        let proposal = try site.read("en/city/ward-1/ideas/bike/index.html")
        XCTAssertContains(proposal, "<h2 id=\"answer-title\">Official answer</h2>")
        XCTAssertContains(proposal, "The council will build it in 2027.")
        // Both pages show the counted supports, so both link the bundle that recounts them.
        for page in [listing, proposal] {
            XCTAssertContains(page, "<a href=\"/audit/city/ward-1/ideas/supports/\">Download the audit files and recount yourself</a>")
        }
    }

    func testTwoResultsForOneFormAreAnErrorNamingBoth() throws {
        // An old file beside a new count: which figures are the result is not the build's to guess.
        let stale = try SiteFixture(Self.site + "\n" + """
        -- content/_results/parliament/clinics/sign.json --
        {"form": "parliament/clinics/sign", "kind": "petition", "counted_at": "2026-06-30T10:00:00Z",
         "participation": {"submitted": 6, "valid": 6, "rejected": 0}, "signatures": 6, "options": [], "thresholds": [], "questions": []}
        """)
        defer { stale.remove() }
        let messages = stale.failingBuild().map { "\($0.file):\($0.line): \($0.message)" }
        let expected = ["content/_results/clinics.json", "content/_results/parliament/clinics/sign.json"]
        XCTAssertTrue(messages.contains { message in
            expected.allSatisfy(message.contains) && message.contains("a second result for form `parliament/clinics/sign`")
        }, "\(messages)")
    }

    func testAPetitionShowsItsCountThresholdsAndSignatureForm() throws {
        let page = try site().read("en/parliament/clinics/index.html")
        XCTAssertContains(page, "150,000 signatures")
        XCTAssertContains(page, "<strong>100,000</strong>: The committee examines the petition.")
        XCTAssertContains(page, "reached on April 3, 2026")
        XCTAssertContains(page, "<progress max=\"100\" value=\"30\" data-threshold=\"500000\">")
        XCTAssertContains(page, "data-count-url=\"https://vote.example.org/v1/counts/parliament/clinics/sign\"")
        XCTAssertContains(page, "<input id=\"identity.email-email\" name=\"identity.email\" type=\"email\" autocomplete=\"email\" required>")
        XCTAssertContains(try site().read("en/parliament/index.html"), "Health committee")
    }

    func testSurveysMeetingsAndOpenData() throws {
        let site = try site()
        let survey = try site.read("en/city/ward-1/survey/index.html")
        XCTAssertContains(survey, "<input id=\"q-mode-walk\" name=\"q.mode\" type=\"radio\" value=\"walk\">")
        XCTAssertContains(survey, "<textarea id=\"q.ideas-input\" name=\"q.ideas\"")
        XCTAssertContains(survey, "40 participants answered.")
        XCTAssertContains(survey, "<tr><th scope=\"row\">On foot</th><td>25</td></tr>")
        let meetings = try site.read("en/city/ward-1/meetings/index.html")
        XCTAssertContains(meetings, "Ward assembly")
        XCTAssertContains(meetings, "(America/Chicago)")
        let ics = try site.read("data/city/ward-1/meetings/assembly.ics")
        XCTAssertContains(ics, "DTSTART:20260610T233000Z\r\n")
        XCTAssertContains(ics, "LOCATION:Ward 1 library\r\n")
        XCTAssertContains(try site.read("data/city/ward-1/calendar.ics"), "DTSTART;VALUE=DATE:20260501")
        let csv = try site.read("en/data/city/ward-1/data.csv")
        XCTAssertContains(csv, "project,lights,Street lights,https://example.org/en/city/ward-1/projects/lights/,streets,,,900000,90,yes")
        let json = try site.read("fr/data/city/ward-1/data.json")
        XCTAssertContains(json, "\"title\" : \"Quartier 1\"")
    }

    func testComponentMistakesAreReportedWhereTheyAre() throws {
        let broken = try SiteFixture(SiteFixture.site + """

        -- content/b/_index.en.md --
        ---
        title: B
        kind: budjet
        ---
        -- content/b/p/_index.en.md --
        ---
        title: P
        component: budget
        total: 100
        currency: dollars
        ballot: cumulative
        ---
        -- content/b/p/x.en.md --
        ---
        title: X
        votes: 3
        ---
        -- content/_results/x.json --
        {"form": "nowhere/vote", "kind": "budget", "counted_at": "2026-01-01T00:00:00Z", "participation": {"submitted": 1, "valid": 1, "rejected": 0}, "options": [], "thresholds": [], "questions": []}
        """)
        defer { broken.remove() }
        let messages = broken.failingBuild().map { "\($0.file):\($0.line): \($0.message)" }
        XCTAssertTrue(messages.contains("content/b/_index.en.md:3: `budjet` is not a valid `kind`"), "\(messages)")
        XCTAssertTrue(messages.contains("content/b/p/_index.en.md:5: `dollars` is not an ISO 4217 currency code"), "\(messages)")
        XCTAssertTrue(messages.contains("content/b/p/_index.en.md:6: a cumulative ballot needs `points`"), "\(messages)")
        XCTAssertTrue(messages.contains("content/b/p/_index.en.md:3: a budget voted with codes or credentials needs a `roll`"), "\(messages)")
        XCTAssertTrue(messages.contains("content/b/p/x.en.md:2: a budget project needs its `cost`"), "\(messages)")
        XCTAssertTrue(messages.contains("content/b/p/x.en.md:3: unknown key `votes` in the front matter of an item of a `budget` collection"), "\(messages)")
        XCTAssertTrue(messages.contains("content/_results/x.json:1: result for form `nowhere/vote`, which the site does not show"), "\(messages)")
    }
}
