import Foundation
import Model
import XCTest
@testable import SiteKit

/// Issue 21, point 9: what is published is what the page promised. A free-text question says its answers are
/// published; the manifest carries what the printed code cards say (title, the form's address, time zone).
final class PublishedPromisesTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    private static let site = """
    -- content/site.yaml --
    title:
      fr: Ville de Lyon
      en: City of Lyon
    base_url: https://consult.example.org/
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
    -- content/enquete.fr.md --
    ---
    title: Enquête
    slug: enquete-velo
    type: survey
    eligibility: roll
    roll: lyon-2026
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
    -- content/enquete.en.md --
    ---
    title: Survey
    slug: cycling-survey
    ---
    """

    private func built() throws -> SiteFixture {
        let site = try SiteFixture(Self.site)
        fixtures.append(site)
        try site.build { $0.now = DateParsing.parse("2026-05-10T12:00:00Z")! }
        return site
    }

    func testAFreeTextQuestionSaysItsAnswersArePublished() throws {
        let site = try built()
        let french = try site.read("fr/enquete-velo/index.html")
        XCTAssertContains(french, "aria-describedby=\"q.avis-public\"")
        XCTAssertContains(french, "<p class=\"public-note\" id=\"q.avis-public\">Les réponses écrites sont publiées telles quelles, sans votre nom ni votre code")
        XCTAssertEqual(french.components(separatedBy: "class=\"public-note\"").count - 1, 1, "only the free-text question says it")
        XCTAssertContains(try site.read("en/cycling-survey/index.html"), "Written answers are published word for word, without your name or code")
    }

    func testTheManifestGivesWhatCodeCardsPrint() throws {
        let site = try built()
        let manifest = try BallotManifest.decoder().decode(BallotManifest.self, from: Data(try site.read("ballots.json").utf8))
        XCTAssertEqual(manifest.title, ["fr": "Ville de Lyon", "en": "City of Lyon"])
        XCTAssertEqual(manifest.timezone, "Europe/Paris")
        XCTAssertEqual(manifest.pages?["enquete/answers"], ["fr": "https://consult.example.org/fr/enquete-velo/",
                                                            "en": "https://consult.example.org/en/cycling-survey/"])
        XCTAssertEqual(try manifest.unsealedParts().forms, [], "the addresses are outside every hash")
    }
}
