import XCTest
@testable import SiteKit

/// A number that nobody has counted yet is shown as nothing, never as zero: a participant reads "0 supports" as a
/// count. `SpacesTests`' site, plus proposals and a petition that have no published result.
final class UnknownCountsTests: XCTestCase {
    private static var built: SiteFixture?

    static let site = SpacesTests.site + "\n" + """
    -- content/city/ward-2/ideas/_index.en.md --
    ---
    title: Ideas for ward 2
    component: proposals
    submissions: true
    supports:
      per_participant: 3
    ---
    -- content/city/ward-2/ideas/fountain.en.md --
    ---
    title: A drinking fountain
    author: Ana
    date: 2026-01-10
    ---
    -- content/parliament/night-buses.en.md --
    ---
    title: Night buses on weekdays
    committee: health
    ---
    """

    private func site() throws -> SiteFixture {
        if let built = Self.built { return built }
        let fixture = try SiteFixture(Self.site)
        _ = try fixture.build()
        Self.built = fixture
        return fixture
    }

    override class func tearDown() { built?.remove() }

    func testProposalsWithoutACountShowNoSupports() throws {
        let listing = try site().read("en/city/ward-2/ideas/index.html")
        XCTAssertContains(listing, "A drinking fountain")
        XCTAssertContains(listing, "<p class=\"meta\">Ana</p>")
        XCTAssertNotContains(listing, "0 supports")
        let proposal = try site().read("en/city/ward-2/ideas/fountain/index.html")
        XCTAssertNotContains(proposal, "supports")
        // Where supports were counted, a proposal nobody supported did get zero.
        XCTAssertContains(try site().read("en/city/ward-1/ideas/bins/index.html"), "0 supports")
    }

    func testAPetitionWithoutACountShowsNoNumberUntilTheCollectorGivesOne() throws {
        let page = try site().read("en/parliament/night-buses/index.html")
        XCTAssertContains(page, "data-count=\"0\" aria-live=\"polite\" hidden>")
        XCTAssertContains(page, "<progress max=\"100\" value=\"0\" data-threshold=\"100000\" hidden>")
        let counted = try site().read("en/parliament/clinics/index.html")
        XCTAssertContains(counted, "data-count=\"150000\" aria-live=\"polite\">150,000 signatures</p>")
        XCTAssertContains(counted, "<progress max=\"100\" value=\"30\" data-threshold=\"500000\">")
    }
}
