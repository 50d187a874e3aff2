import XCTest
@testable import SiteKit

/// Whole builds of small sites written from one string, asserting on the files produced.
final class BuildTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    private func fixture(_ extra: String = "") throws -> SiteFixture {
        let fixture = try SiteFixture(SiteFixture.site + "\n" + extra)
        fixtures.append(fixture)
        return fixture
    }

    func testEveryPageIsPublishedInEveryLanguageWithItsSwitcherAndAlternates() throws {
        let site = try fixture("""
        -- content/about.en.md --
        ---
        title: About
        ---
        About us.
        -- content/about.fr.md --
        ---
        title: À propos
        slug: a-propos
        ---
        À propos de nous.
        """)
        let report = try site.build()
        XCTAssertEqual(report.pagesPerLanguage.map(\.pages), [2, 2, 2, 2])
        let french = try site.read("fr/a-propos/index.html")
        XCTAssertContains(french, "<html lang=\"fr\" dir=\"ltr\">")
        XCTAssertContains(french, "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/about/\">")
        XCTAssertContains(french, "<link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/a-propos/\">")
        XCTAssertContains(french, "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/en/about/\">")
        XCTAssertNotContains(french, "hreflang=\"es\" href=\"https://example.org/es/about/\">")
        XCTAssertContains(french, "<a href=\"/en/about/\" lang=\"en\" dir=\"ltr\" hreflang=\"en\">English</a>")
        XCTAssertContains(french, "<a href=\"/fr/a-propos/\" lang=\"fr\" dir=\"ltr\" hreflang=\"fr\" aria-current=\"true\">Français</a>")
        XCTAssertContains(french, "<a href=\"/ar/about/\" lang=\"ar\" dir=\"rtl\" hreflang=\"ar\">العربية</a>")
    }

    func testAMissingTranslationFallsBackToTheDefaultLanguageWithANotice() throws {
        let site = try fixture("""
        -- content/about.en.md --
        ---
        title: About
        ---
        Only in English.
        -- content/i18n/es.yaml --
        fallback_notice: "Esta página aún no está disponible en {language}. Se muestra en {original}."
        """)
        try site.build()
        let spanish = try site.read("es/about/index.html")
        XCTAssertContains(spanish, "<html lang=\"es\" dir=\"ltr\">")
        XCTAssertContains(spanish, "<article lang=\"en\" dir=\"ltr\">")
        XCTAssertContains(spanish, "Only in English.")
        XCTAssertContains(spanish, "<p class=\"notice\" role=\"note\">Esta página aún no está disponible en Español. Se muestra en English.</p>")
        XCTAssertNotContains(try site.read("en/about/index.html"), "class=\"notice\"")
    }

    func testARightToLeftPageSaysSoAndKeepsItsLanguage() throws {
        let site = try fixture("""
        -- content/_index.ar.md --
        ---
        title: الرئيسية
        ---
        أهلًا وسهلًا.
        """)
        try site.build()
        let arabic = try site.read("ar/index.html")
        XCTAssertContains(arabic, "<html lang=\"ar\" dir=\"rtl\">")
        XCTAssertContains(arabic, "<h1>الرئيسية</h1>")
        XCTAssertContains(arabic, "أهلًا وسهلًا.")
    }

    func testLinksToContentFilesBecomeURLsInTheReadersLanguage() throws {
        let site = try fixture("""
        -- content/budget/_index.en.md --
        ---
        title: Budget
        ---
        Read [the rules](rules.md#how) and go [home](../_index.md). Map: ![map of wards](map.png)
        -- content/budget/_index.fr.md --
        ---
        title: Budget
        slug: budget-participatif
        ---
        Lisez [les règles](rules.md#how).
        -- content/budget/rules.en.md --
        ---
        title: Rules
        ---
        ## How
        -- content/budget/map.png --
        not really a png
        """)
        try site.build()
        let english = try site.read("en/budget/index.html")
        XCTAssertContains(english, "<a href=\"/en/budget/rules/#how\">the rules</a>")
        XCTAssertContains(english, "<a href=\"/en/\">home</a>")
        XCTAssertContains(english, "<img src=\"/budget/map.png\" alt=\"map of wards\" />")
        XCTAssertTrue(site.exists("budget/map.png"))
        XCTAssertContains(try site.read("fr/budget-participatif/index.html"), "<a href=\"/fr/budget-participatif/rules/#how\">les règles</a>")
    }

    func testABrokenLinkIsAnErrorAtItsLineAndTheOldSiteStays() throws {
        let site = try fixture("""
        -- content/about.en.md --
        ---
        title: About
        ---
        First line.

        A link to [the rules](rules.md) that does not exist.
        """)
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        try "old site".write(to: site.output.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let diagnostics = site.failingBuild()
        let broken = try XCTUnwrap(diagnostics.first { $0.message.contains("no such content file") })
        XCTAssertEqual(broken.file, "content/about.en.md")
        XCTAssertEqual(broken.line, 6)
        XCTAssertEqual(broken.step, "render")
        XCTAssertEqual(broken.description.components(separatedBy: ": ").first, "content/about.en.md:6:1")
        XCTAssertEqual(try site.read("index.html"), "old site")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [])
    }

    func testEveryProblemOfTheBuildIsReportedAtOnce() throws {
        let site = try fixture("""
        -- content/one.en.md --
        ---
        title: One
        colour: blue
        ---
        -- content/two.xx.md --
        ---
        title: Two
        ---
        -- content/three.en.md --
        ---
        tags: [a]
        ---
        -- content/four.md --
        ---
        title: Four
        ---
        -- content/four.en.md --
        ---
        title: Four again
        ---
        -- content/space/_index.en.md --
        ---
        title: Space
        logo: nowhere.svg
        logo_alt: Space
        ---
        """)
        let messages = site.failingBuild().map { "\($0.file):\($0.line): \($0.message)" }
        XCTAssertTrue(messages.contains("content/one.en.md:3: unknown key `colour` in a page's front matter"), "\(messages)")
        XCTAssertTrue(messages.contains("content/two.xx.md:1: unknown language suffix `.xx`"), "\(messages)")
        XCTAssertTrue(messages.contains("content/three.en.md:2: missing required field `title`"), "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("content/four") && $0.hasSuffix("is the same page in the same language") }, "\(messages)")
        XCTAssertTrue(messages.contains("content/space/_index.en.md:1: logo `nowhere.svg` does not exist"), "\(messages)")
    }

    func testTwoPagesAtOneURLAreAnError() throws {
        let site = try fixture("""
        -- content/a.en.md --
        ---
        title: A
        slug: same
        ---
        -- content/same.en.md --
        ---
        title: Same
        ---
        """)
        let diagnostics = site.failingBuild()
        XCTAssertTrue(diagnostics.contains { $0.message.contains("is already published at /en/same/") }, "\(diagnostics)")
    }

    func testDraftsAndPublicationDatesDecideWhatIsPublished() throws {
        let site = try fixture("""
        -- content/draft.en.md --
        ---
        title: Draft
        draft: true
        ---
        -- content/later.en.md --
        ---
        title: Later
        publish: 2026-09-01
        ---
        -- content/gone.en.md --
        ---
        title: Gone
        expire: 2026-01-01
        ---
        -- content/now.en.md --
        ---
        title: Now
        publish: 2026-01-01
        expire: 2027-01-01
        ---
        """)
        try site.build()
        XCTAssertTrue(site.exists("en/now/index.html"))
        XCTAssertFalse(site.exists("en/draft/index.html"))
        XCTAssertFalse(site.exists("en/later/index.html"))
        XCTAssertFalse(site.exists("en/gone/index.html"))
        try site.build { $0.includeDrafts = true }
        XCTAssertTrue(site.exists("en/draft/index.html"))
    }

    func testMissingTemplateFailsTheBuild() throws {
        let site = try fixture("""
        -- content/odd.en.md --
        ---
        title: Odd
        template: poster
        ---
        """)
        let diagnostics = site.failingBuild()
        XCTAssertTrue(diagnostics.contains { $0.message == "template `poster` does not exist in theme `default`" }, "\(diagnostics)")
    }

    func testASiteOverridesOneTemplateAndKeepsTheRest() throws {
        let site = try fixture("""
        -- themes/default/templates/footer.mustache --
        <footer class="site-footer"><p>City footer</p></footer>
        """)
        try site.build()
        let home = try site.read("en/index.html")
        XCTAssertContains(home, "<p>City footer</p>")
        XCTAssertContains(home, "<a class=\"skip-link\" href=\"#main\">")
    }

    func testATemplateNamingAMissingPartialOrAssetIsAnErrorAtItsLine() throws {
        let site = try fixture("""
        -- themes/default/templates/footer.mustache --
        <footer>
        {{> sidebar}}
        <img src="{{#asset}}img/none.svg{{/asset}}" alt="">
        </footer>
        """)
        let diagnostics = site.failingBuild()
        XCTAssertTrue(diagnostics.contains { $0.message == "template `sidebar` does not exist" && $0.line == 2 }, "\(diagnostics)")
        XCTAssertTrue(diagnostics.contains { $0.message == "asset `img/none.svg` does not exist in the theme" && $0.line == 3 }, "\(diagnostics)")
    }

    func testAssetsGetContentHashedNamesAndPagesReferToThem() throws {
        let site = try fixture()
        try site.build()
        let home = try site.read("en/index.html")
        let css = try XCTUnwrap(home.range(of: #"/assets/css/site\.[0-9a-f]+\.css"#, options: .regularExpression))
        XCTAssertTrue(site.exists(String(home[css].dropFirst())))
        XCTAssertFalse(site.exists("assets/css/site.css"))
    }

    func testASpaceCarriesItsOwnColoursAndLogoToItsPages() throws {
        let site = try fixture("""
        -- content/ward-1/_index.en.md --
        ---
        title: Ward 1
        colors:
          primary: "#0b6e4f"
        logo: logo.svg
        logo_alt: Ward 1 council
        ---
        -- content/ward-1/logo.svg --
        <svg xmlns="http://www.w3.org/2000/svg"/>
        -- content/ward-1/park.en.md --
        ---
        title: A park
        ---
        """)
        try site.build()
        let page = try site.read("en/ward-1/park/index.html")
        // A stylesheet of its own, not a <style> element: the pages' Content-Security-Policy refuses inline styles.
        let link = try XCTUnwrap(page.range(of: #"<link rel="stylesheet" href="/assets/charter\.[0-9a-f]+\.css">"#, options: .regularExpression))
        let href = try XCTUnwrap(page[link].range(of: #"assets/charter\.[0-9a-f]+\.css"#, options: .regularExpression))
        XCTAssertEqual(try site.read(String(page[link][href])), ":root{--color-primary:#0b6e4f}\n")
        XCTAssertNotContains(page, "<style")
        XCTAssertContains(page, "<img src=\"/ward-1/logo.svg\" alt=\"Ward 1 council\"")
        XCTAssertNotContains(try site.read("en/index.html"), "charter.")
    }

    func testSectionsListTheirPagesWithLocalisedDatesAndCounts() throws {
        let site = try fixture("""
        -- content/news/_index.en.md --
        ---
        title: News
        ---
        -- content/news/one.en.md --
        ---
        title: First
        date: 2026-03-01
        type: news
        tags: [Budget 2026]
        ---
        -- content/news/one.fr.md --
        ---
        title: Premier
        date: 2026-03-01
        type: news
        ---
        -- content/news/two.en.md --
        ---
        title: Second
        date: 2026-04-01
        type: news
        summary: The second one.
        ---
        """)
        try site.build()
        let english = try site.read("en/news/index.html")
        XCTAssertContains(english, "2 pages")
        XCTAssertLessThan(try XCTUnwrap(english.range(of: "Second")).lowerBound, try XCTUnwrap(english.range(of: "First")).lowerBound)
        XCTAssertContains(english, "<time datetime=\"2026-03-01T00:00:00Z\">March 1, 2026</time>")
        XCTAssertContains(try site.read("fr/news/index.html"), "1 mars 2026")
        XCTAssertContains(try site.read("en/tags/budget-2026/index.html"), "First")
        XCTAssertContains(try site.read("en/tags/index.html"), "Budget 2026")
    }

    func testSitemapFeedsRobotsNotFoundAndTheLanguageChooser() throws {
        let site = try fixture("""
        -- content/news/launch.en.md --
        ---
        title: Launch & more
        type: news
        date: 2026-05-01
        author: Team
        ---
        -- content/news/launch.fr.md --
        ---
        title: Lancement
        type: news
        date: 2026-05-01
        ---
        """)
        try site.build()
        let sitemap = try site.read("sitemap.xml")
        XCTAssertContains(sitemap, "<loc>https://example.org/en/news/launch/</loc>")
        XCTAssertContains(sitemap, "<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/news/launch/\"/>")
        XCTAssertNotContains(sitemap, "<loc>https://example.org/es/news/launch/</loc>")
        let feed = try site.read("en/feed.xml")
        XCTAssertContains(feed, "<title>Launch &amp; more</title>")
        XCTAssertContains(feed, "<author><name>Team</name></author>")
        XCTAssertContains(try site.read("fr/feed.xml"), "<title>Lancement</title>")
        XCTAssertContains(try site.read("robots.txt"), "Sitemap: https://example.org/sitemap.xml")
        XCTAssertContains(try site.read("fr/404.html"), "<html lang=\"fr\"")
        let root404 = try site.read("404.html")
        XCTAssertContains(root404, "<li lang=\"ar\" dir=\"rtl\"><a href=\"/ar/\">العربية</a>")
        let chooser = try site.read("index.html")
        XCTAssertContains(chooser, "data-languages=\"en fr es ar\"")
        XCTAssertContains(chooser, "<a href=\"/fr/\" hreflang=\"fr\">")
    }

    func testABasePathPrefixesEveryURL() throws {
        let site = try fixture("""
        -- content/about.en.md --
        ---
        title: About
        ---
        [Home](_index.md)
        """)
        try site.build { $0.baseURL = "https://example.org/consult" }
        let page = try site.read("en/about/index.html")
        XCTAssertContains(page, "<a href=\"/consult/en/\">Home</a>")
        XCTAssertContains(page, "href=\"/consult/assets/css/site.")
        XCTAssertContains(page, "<link rel=\"canonical\" href=\"https://example.org/consult/en/about/\">")
    }

    func testStrictTurnsAMissingUIStringIntoAnError() throws {
        // Yoruba: a language the theme does not ship, so its strings fall back to the default language.
        let site = try SiteFixture("""
        -- content/site.yaml --
        title: Test
        base_url: /
        languages:
          - code: en
          - code: yo
            name: Èdè Yorùbá
        -- content/i18n/yo.yaml --
        skip_link: Fo sí àkóónú pàtàkì
        """)
        fixtures.append(site)
        let report = try site.build()
        XCTAssertTrue(report.warnings.contains { $0.message.contains("UI string(s) missing for `yo`, shown in `en`") }, "\(report.warnings)")
        XCTAssertContains(try site.read("yo/index.html"), "Fo sí àkóónú pàtàkì")
        let diagnostics = site.failingBuild { $0.strict = true }
        XCTAssertTrue(diagnostics.contains { $0.severity == .error && $0.message.contains("missing for `yo`") })
    }

    func testAMissingSiteFileAndAnInvalidOneAreExplained() throws {
        let empty = try SiteFixture("-- content/_index.md --\n---\ntitle: x\n---\n")
        fixtures.append(empty)
        XCTAssertEqual(empty.failingBuild().first?.message, "site.yaml is missing")
        let invalid = try SiteFixture("-- content/site.yaml --\ntitle: X\nbase_url: example.org\nlanguages:\n  - code: EN\n  - code: fr\n    direction: sideways\n")
        fixtures.append(invalid)
        let messages = invalid.failingBuild().map { "\($0.line): \($0.message)" }
        XCTAssertTrue(messages.contains("2: `base_url` must be an absolute URL or start with `/`"), "\(messages)")
        XCTAssertTrue(messages.contains("4: `EN` is not a BCP 47 language tag"), "\(messages)")
        XCTAssertTrue(messages.contains("6: direction must be `ltr` or `rtl`, not `sideways`"), "\(messages)")
    }
}
