import Foundation
import XCTest
@testable import SiteKit

/// Issue 21, point 6: the audit bundles are published by the build from `content/_audit/`, so a build never loses
/// them, and a result page never links a bundle the site does not have.
final class AuditBundleTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    private static let site = SiteFixture.site + """

    -- content/ideas/_index.en.md --
    ---
    title: Ideas
    kind: process
    component: proposals
    phases:
      - id: support
        title: Support
        start: 2026-01-01
        end: 2026-02-28
        actions: [support]
    supports:
      per_participant: 3
    ---
    -- content/ideas/trees.en.md --
    ---
    title: Plant trees
    ---
    -- content/_results/ideas/supports.json --
    {"form": "ideas/supports", "kind": "supports", "counted_at": "2026-03-02T10:00:00Z", "audit": "audit/ideas/supports/",
     "participation": {"submitted": 3, "valid": 3, "rejected": 0}, "options": [{"id": "trees", "votes": 3}], "thresholds": [], "questions": []}
    """

    private static let bundle = """

    -- content/_audit/README.md --
    # Audit bundles
    -- content/_audit/ideas/supports/index.html --
    <!doctype html><title>Audit bundle of ideas/supports</title>
    -- content/_audit/ideas/supports/README.md --
    # Audit bundle of `ideas/supports`
    -- content/_audit/ideas/supports/ballots.jsonl --
    {"receipt": "r1"}
    """

    private func fixture(_ files: String) throws -> SiteFixture {
        let site = try SiteFixture(files)
        fixtures.append(site)
        return site
    }

    func testTheBundlesOfContentAuditArePublishedAsTheyAreAndSurviveEveryBuild() throws {
        let site = try fixture(Self.site + Self.bundle)
        try site.build()
        try site.build()
        XCTAssertContains(try site.read("en/ideas/index.html"), "<a href=\"/audit/ideas/supports/\">")
        XCTAssertEqual(try site.read("audit/ideas/supports/README.md"), "# Audit bundle of `ideas/supports`\n", "the tellers' Markdown is a file, not a page")
        XCTAssertEqual(try site.read("audit/ideas/supports/ballots.jsonl"), "{\"receipt\": \"r1\"}\n")
        XCTAssertTrue(site.exists("audit/ideas/supports/index.html"))
        XCTAssertTrue(site.exists("audit/README.md"))
        XCTAssertFalse(site.exists("en/_audit"))
    }

    func testAResultLinkingAMissingBundleFailsOnThePageThatShowsIt() throws {
        let site = try fixture(Self.site)
        let errors = site.failingBuild().filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 1, "\(errors)")
        let error = try XCTUnwrap(errors.first)
        XCTAssertEqual(error.file, "content/ideas/_index.en.md")
        XCTAssertEqual(error.step, "spaces")
        XCTAssertContains(error.message, "the result of form `ideas/supports` links its audit bundle at `audit/ideas/supports/`, which the site does not publish")
        XCTAssertContains(error.hint ?? "", "collector publish ... --audit-url audit/ --out content/_audit")
        XCTAssertContains(error.hint ?? "", "content/_audit/ideas/supports/ at audit/ideas/supports/")
        XCTAssertFalse(site.exists("en/ideas/index.html"), "nothing is published")
    }

    func testABundleCountedForAnotherFolderSaysWhichAuditURLToUse() throws {
        let site = try fixture(Self.site.replacingOccurrences(of: "\"audit/ideas/supports/\"", with: "\"bundles/ideas/supports/\"") + Self.bundle)
        let error = try XCTUnwrap(site.failingBuild().first { $0.severity == .error })
        XCTAssertContains(error.message, "links its audit bundle at `bundles/ideas/supports/`")
        XCTAssertContains(error.hint ?? "", "count and publish with `--audit-url audit/`")
    }
}
