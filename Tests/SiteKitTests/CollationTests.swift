import Foundation
import XCTest
@testable import SiteKit

/// Issue 21, point 4: every listing sorts its titles as its language does, not as bytes, and the same titles
/// always come out in the same order.
final class CollationTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    /// A section whose pages have one title per language, each chosen so byte order and the language's order differ;
    /// a French budget whose projects are the issue's.
    private static let site = """
    -- content/site.yaml --
    title: Ville
    base_url: https://example.org/
    default_language: fr
    languages:
      - code: fr
        name: Français
      - code: es
        name: Español
      - code: pl
        name: Polski
      - code: ar
        name: العربية
    -- content/_index.fr.md --
    ---
    title: Accueil
    ---
    -- content/fiches/_index.fr.md --
    ---
    title: Fiches
    ---
    -- content/fiches/a.fr.md --
    ---
    title: Skatepark
    tags: [Sport]
    ---
    -- content/fiches/a.es.md --
    ---
    title: Oso
    ---
    -- content/fiches/a.pl.md --
    ---
    title: Most
    ---
    -- content/fiches/a.ar.md --
    ---
    title: إنارة
    ---
    -- content/fiches/b.fr.md --
    ---
    title: Éclairage LED du centre
    tags: [Écoles]
    ---
    -- content/fiches/b.es.md --
    ---
    title: Ñandú
    ---
    -- content/fiches/b.pl.md --
    ---
    title: Łąka
    ---
    -- content/fiches/b.ar.md --
    ---
    title: أمل
    ---
    -- content/fiches/c.fr.md --
    ---
    title: Arbres
    tags: [Zones 30]
    ---
    -- content/fiches/c.es.md --
    ---
    title: Nube
    ---
    -- content/fiches/c.pl.md --
    ---
    title: Lato
    ---
    -- content/fiches/c.ar.md --
    ---
    title: ابتسامة
    ---
    -- content/budget/_index.fr.md --
    ---
    title: Budget
    kind: budget
    phases:
      - id: vote
        title: Vote
        start: 2026-05-01
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
    -- content/budget/projets/skatepark.fr.md --
    ---
    title: Skatepark
    cost: 40000
    ---
    -- content/budget/projets/eclairage.fr.md --
    ---
    title: Éclairage LED du centre
    cost: 30000
    ---
    -- content/budget/projets/quartier-10.fr.md --
    ---
    title: Quartier 10
    cost: 10000
    ---
    -- content/budget/projets/quartier-2.fr.md --
    ---
    title: Quartier 2
    cost: 10000
    ---
    """

    private func built() throws -> SiteFixture {
        let site = try SiteFixture(Self.site)
        fixtures.append(site)
        try site.build()
        return site
    }

    /// Fails unless each of `titles` appears in `page`, in this order.
    private func assertOrder(_ page: String, _ titles: [String], file: StaticString = #filePath, line: UInt = #line) {
        let positions = titles.map { title in page.range(of: ">" + title + "<")?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "missing one of \(titles)", file: file, line: line)
        let found = positions.compactMap { $0 }
        XCTAssertEqual(found, found.sorted(), "expected \(titles) in this order", file: file, line: line)
    }

    func testEachLanguageListsItsTitlesInItsOwnOrder() throws {
        let site = try built()
        assertOrder(try site.read("fr/fiches/index.html"), ["Arbres", "Éclairage LED du centre", "Skatepark"])
        assertOrder(try site.read("es/fiches/index.html"), ["Nube", "Ñandú", "Oso"])
        assertOrder(try site.read("pl/fiches/index.html"), ["Lato", "Łąka", "Most"])
        assertOrder(try site.read("ar/fiches/index.html"), ["ابتسامة", "أمل", "إنارة"])
    }

    func testABudgetListsItsProjectsByTheLanguagesCollationAndNumbersAsNumbers() throws {
        let site = try built()
        assertOrder(try site.read("fr/budget/projets/index.html"), ["Éclairage LED du centre", "Quartier 2", "Quartier 10", "Skatepark"])
    }

    func testTagsAreListedByTheLanguagesCollation() throws {
        let site = try built()
        assertOrder(try site.read("fr/tags/index.html"), ["Écoles", "Sport", "Zones 30"])
    }

    func testTheSameTitlesComeOutInTheSameOrderWhateverTheirFiles() throws {
        let site = try SiteFixture(Self.site + """

        -- content/fiches/d.fr.md --
        ---
        title: Arbres
        ---
        """)
        fixtures.append(site)
        try site.build()
        let page = try site.read("fr/fiches/index.html")
        let first = try XCTUnwrap(page.range(of: "href=\"/fr/fiches/c/\""))
        let second = try XCTUnwrap(page.range(of: "href=\"/fr/fiches/d/\""))
        XCTAssertLessThan(first.lowerBound, second.lowerBound, "equal titles are ordered by their file's name")
        XCTAssertTrue(Collation(language: "fr").precedes("cote", "côte"))
        XCTAssertFalse(Collation(language: "fr").precedes("côte", "cote"))
    }
}
