import Foundation
import Model
import XCTest
@testable import SiteKit

/// Issue 21, point 3: a date without a time means the whole day in the site's time zone, and every page words a
/// window the way the collector keeps it.
final class WholeDayDatesTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    /// A French site in Paris: two phases that follow each other, a petition closing on 28 February, a survey
    /// closing at a written time.
    private static let site = """
    -- content/site.yaml --
    title:
      fr: Ville
      en: Town
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
      - id: idees
        title: Idées
        start: 2026-10-01
        end: 2026-10-31
        actions: [propose]
      - id: vote
        title: Vote
        start: 2026-11-01
        end: 2026-12-20
        actions: [vote]
    ---
    -- content/budget/_index.en.md --
    ---
    title: Participatory budget
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
    -- content/petitions/_index.fr.md --
    ---
    title: Pétitions
    kind: petitions
    component: petitions
    ---
    -- content/petitions/arbres.fr.md --
    ---
    title: Des arbres
    opens: 2026-11-01
    closes: 2027-02-28
    ---
    -- content/petitions/arbres.en.md --
    ---
    title: Trees
    ---
    -- content/enquete.fr.md --
    ---
    title: Enquête
    type: survey
    eligibility: open
    closes: 2026-12-20T18:00:00+01:00
    questions:
      - id: avis
        type: long_text
        title: Votre avis
    ---
    """

    private func fixture() throws -> SiteFixture {
        let site = try SiteFixture(Self.site)
        fixtures.append(site)
        return site
    }

    private func build(_ site: SiteFixture, at now: String) throws -> BallotManifest {
        try site.build { $0.now = DateParsing.parse(now)! }
        return try BallotManifest.decoder().decode(BallotManifest.self, from: Data(contentsOf: site.output.appendingPathComponent("ballots.json")))
    }

    func testAClosingDateIncludesItsWholeDayInTheSitesTimeZone() throws {
        let manifest = try build(try fixture(), at: "2026-11-26T12:00:00Z")
        let vote = try XCTUnwrap(manifest.form("budget/projets/vote"))
        XCTAssertEqual(vote.opens.map(UTCSecond.format), "2026-10-31T23:00:00Z", "opens at midnight on 1 November in Paris")
        XCTAssertEqual(vote.closes.map(UTCSecond.format), "2026-12-20T23:00:00Z", "closes as 21 December starts in Paris")
        XCTAssertTrue(vote.isOpen(at: UTCSecond.parse("2026-12-20T22:59:59Z")!), "open until 23:59:59 on 20 December")
        XCTAssertFalse(vote.isOpen(at: UTCSecond.parse("2026-12-20T23:00:00Z")!))
        let petition = try XCTUnwrap(manifest.form("petitions/arbres/sign"))
        XCTAssertEqual(petition.closes.map(UTCSecond.format), "2027-02-28T23:00:00Z")
    }

    func testADateWithATimeKeepsItsTime() throws {
        let site = try fixture()
        let survey = try XCTUnwrap(try build(site, at: "2026-11-26T12:00:00Z").form("enquete/answers"))
        XCTAssertEqual(survey.closes.map(UTCSecond.format), "2026-12-20T17:00:00Z")
        XCTAssertContains(try site.read("fr/enquete/index.html"), "Ouvert jusqu&#39;au 20 décembre 2026 à 18:00")
    }

    func testConsecutivePhasesLeaveNoGap() throws {
        let site = try fixture()
        _ = try build(site, at: "2026-10-31T23:30:00Z")
        let space = try site.read("fr/budget/index.html")
        XCTAssertContains(space, "<time datetime=\"2026-09-30T22:00:00Z\">1 octobre 2026</time>")
        XCTAssertContains(space, "<time datetime=\"2026-10-31T23:00:00Z\">31 octobre 2026</time>")
        XCTAssertContains(space, "<time datetime=\"2026-10-31T23:00:00Z\">1 novembre 2026</time>")
        XCTAssertContains(space, "aria-current=\"step\"")
        XCTAssertContains(try site.read("fr/budget/projets/index.html"), "data-form-id=\"budget/projets/vote\"")
    }

    func testEveryPageWordsTheWindowByItsLastDayInEveryLanguage() throws {
        let site = try fixture()
        _ = try build(site, at: "2026-11-26T12:00:00Z")
        let calendar = try site.read("fr/budget/index.html")
        XCTAssertContains(calendar, "1 novembre 2026</time> – <time datetime=\"2026-12-20T23:00:00Z\">20 décembre 2026</time>")
        XCTAssertContains(try site.read("fr/budget/projets/index.html"), "Ouvert jusqu&#39;au 20 décembre 2026.")
        XCTAssertContains(try site.read("en/budget/index.html"), "November 1, 2026</time> – <time datetime=\"2026-12-20T23:00:00Z\">December 20, 2026</time>")
        XCTAssertContains(try site.read("en/budget/projets/index.html"), "Open until December 20, 2026.")
        XCTAssertContains(try site.read("fr/petitions/arbres/index.html"), "Ouvert jusqu&#39;au 28 février 2027.")
        XCTAssertContains(try site.read("en/petitions/arbres/index.html"), "Open until February 28, 2027.")
        let ics = try site.read("data/budget/calendar.ics")
        XCTAssertContains(ics, "DTSTART;VALUE=DATE:20261101\r\nDTEND;VALUE=DATE:20261221\r\n")
        XCTAssertContains(ics, "DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261101\r\n")
    }

    func testAClosedFormNamesTheSameLastDay() throws {
        let site = try fixture()
        _ = try build(site, at: "2027-03-01T08:00:00Z")
        XCTAssertContains(try site.read("fr/petitions/arbres/index.html"), "Clos le 28 février 2027.")
        XCTAssertContains(try site.read("en/petitions/arbres/index.html"), "Closed on February 28, 2027.")
    }

    func testPhasesWrittenTheOldWayOverlapWithAHint() throws {
        let site = try fixture()
        try site.write("""
        -- content/budget/_index.fr.md --
        ---
        title: Budget participatif
        kind: budget
        phases:
          - id: idees
            title: Idées
            start: 2026-10-01
            end: 2026-11-01
          - id: vote
            title: Vote
            start: 2026-11-01
            end: 2026-12-20
            actions: [vote]
        ---
        """)
        let errors = site.failingBuild().filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.message), ["phases `idees` and `vote` overlap"])
        XCTAssertContains(errors.first?.hint ?? "", "a date without a time includes that whole day")
    }

    func testAWholeDayEndsWhenTheNextDayStartsAcrossDaylightSaving() {
        let paris = TimeZone(identifier: "Europe/Paris")!
        XCTAssertEqual(DateParsing.parseEnd("2026-03-28", timeZone: paris).map(UTCSecond.format), "2026-03-28T23:00:00Z")
        XCTAssertEqual(DateParsing.parseEnd("2026-03-29", timeZone: paris).map(UTCSecond.format), "2026-03-29T22:00:00Z")
        XCTAssertEqual(DateParsing.parseEnd("2026-03-29T12:00", timeZone: paris), DateParsing.parse("2026-03-29T12:00", timeZone: paris))
        XCTAssertEqual(DateParsing.parseEnd("2026-12-31").map(UTCSecond.format), "2027-01-01T00:00:00Z")
    }
}
