import Foundation
import XCTest
@testable import SiteKit

/// Issue 22: `sitegen check` reports what a build would, with a translation table, and writes nothing.
final class CheckCommandTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    /// The four-language fixture: the home in English and French; `about` in English and Spanish, its French
    /// translation a draft; `rules` in English only, linking a draft page, which is a warning.
    private func site(_ extra: String = "") throws -> SiteFixture {
        let site = try SiteFixture(SiteFixture.site + """

        -- content/about.en.md --
        ---
        title: About
        ---
        About us.
        -- content/about.es.md --
        ---
        title: Acerca de
        ---
        Sobre nosotros.
        -- content/about.fr.md --
        ---
        title: À propos
        draft: true
        ---
        À traduire.
        -- content/rules.en.md --
        ---
        title: Rules
        ---
        See [the draft](draft.md).
        -- content/draft.en.md --
        ---
        title: Draft
        draft: true
        ---
        """ + extra)
        fixtures.append(site)
        return site
    }

    func testTheTranslationTableSaysPerPageWhichLanguagesHaveTheirOwnTextAndWhichFallBack() throws {
        let report = try SiteBuilder(options: site().options()).check()
        XCTAssertEqual(report.errors, [])
        let table = try XCTUnwrap(report.translations)
        XCTAssertEqual(table.languages, ["en", "fr", "es", "ar"])
        XCTAssertEqual(table.rows.map(\.page), ["_index", "about", "rules"])
        XCTAssertEqual(table.rows[0].shownFrom, ["en": "en", "fr": "fr", "es": "en", "ar": "en"])
        XCTAssertEqual(table.rows[1].shownFrom, ["en": "en", "fr": "en", "es": "es", "ar": "en"])
        XCTAssertContains(table.text, "about   ✓   en  ✓   en")
        XCTAssertContains(table.text, "es: 1 of 3 page(s) translated")
    }

    func testCheckPrintsWarningsAndTheTableExitsZeroWritesNothingAndFailsWithStrict() throws {
        let site = try site()
        let check = try SitegenProcess.run(["check"], directory: site.root)
        XCTAssertEqual(check.status, 0, check.printed)
        XCTAssertContains(check.printed, "content/rules.en.md:4:1: warning: link `draft.md` points to a page that is not published")
        XCTAssertContains(check.printed, "page    en  fr  es  ar\n_index  ✓   ✓   en  en\nabout   ✓   en  ✓   en\nrules   ✓   en  en  en")
        XCTAssertContains(check.printed, "check: 0 error(s), 1 warning(s)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output.path), "check writes no site")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted(), ["content"])

        let strict = try SitegenProcess.run(["check", "--strict"], directory: site.root)
        XCTAssertEqual(strict.status, 1)
        XCTAssertContains(strict.printed, "content/rules.en.md:4:1: error: link `draft.md`")
        XCTAssertContains(strict.printed, "check: 1 error(s), 0 warning(s)")
    }

    func testCheckReportsEveryErrorWithItsFileLineAndHintAndExitsNonZero() throws {
        let site = try site("""

        -- content/broken.en.md --
        ---
        title: Broken
        colour: red
        ---
        -- content/other.en.md --
        ---
        weight: heavy
        ---
        """)
        let check = try SitegenProcess.run(["check", "--content", "content"], directory: site.root)
        XCTAssertEqual(check.status, 1, check.printed)
        XCTAssertContains(check.printed, "content/broken.en.md:3:1: error: unknown key `colour`")
        XCTAssertContains(check.printed, "content/other.en.md:2:1: error:")
        XCTAssertContains(check.printed, "(\(FrontMatterParser.title.hint))")
        XCTAssertContains(check.printed, "translations (")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output.path))

        let missing = try SitegenProcess.run(["check", "--content", "nowhere"], directory: site.root)
        XCTAssertEqual(missing.status, 1)
        XCTAssertContains(missing.printed, "error: content folder not found (run sitegen in your project folder or pass --content DIR)")
        XCTAssertNotContains(missing.printed, "translations (")
    }
}
