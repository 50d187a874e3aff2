import Foundation
import XCTest
@testable import SiteKit

/// The policy the default theme puts on every page: scripts and styles from the site only, forms and fetches to the
/// site and its collector only.
final class ContentSecurityPolicyTests: XCTestCase {
    /// A one-page site whose `collector_url` (on line 3) is `collector`, or that has none.
    private func site(collector: String?) throws -> SiteFixture {
        let line = collector.map { "collector_url: \($0)\n" } ?? ""
        return try SiteFixture("""
        -- content/site.yaml --
        title: Test City
        base_url: https://example.org/
        \(line)languages:
          - code: en
            name: English
        -- content/_index.en.md --
        ---
        title: Home
        ---
        """)
    }

    private func policy(collector: String?) throws -> [String] {
        let site = try site(collector: collector)
        defer { site.remove() }
        try site.build()
        return try ["index.html", "en/index.html", "en/404.html"].map { path in
            let page = try site.read(path)
            XCTAssertEqual(PageScan.problems(in: page), [], path)
            guard let start = page.range(of: PageScan.policyStart), let end = page[start.upperBound...].firstIndex(of: "\"") else { return "" }
            return String(page[start.upperBound..<end])
        }
    }

    func testEveryPageTakesScriptsAndStylesFromTheSiteAlone() throws {
        for policy in try policy(collector: nil) {
            let directives = Set(policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
            XCTAssertEqual(directives, ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
                                        "connect-src 'self'", "form-action 'self'", "object-src 'none'", "base-uri 'none'"], policy)
        }
    }

    func testFormsMayPostAndScriptsFetchOnlyToTheCollectorsOrigin() throws {
        for policy in try policy(collector: "https://Vote.example.org:8443/v1/") {
            XCTAssertContains(policy, "connect-src 'self' https://vote.example.org:8443;")
            XCTAssertContains(policy, "form-action 'self' https://vote.example.org:8443;")
        }
        for policy in try policy(collector: "/collect/") {
            XCTAssertContains(policy, "connect-src 'self';")
        }
    }

    /// `PORT=8590 bash scripts/example.sh`: the kiosk's forms must post to the port it serves, not site.yaml's.
    func testTheCollectorURLGivenToTheBuildWinsOverSiteYAMLsAndIsCheckedAlike() throws {
        let site = try site(collector: "http://127.0.0.1:8080/")
        defer { site.remove() }
        try site.build { $0.collectorURL = "http://127.0.0.1:8590/" }
        let page = try site.read("en/index.html")
        XCTAssertContains(page, "form-action 'self' http://127.0.0.1:8590;")
        XCTAssertFalse(page.contains("8080"), "site.yaml's collector still shows")
        let errors = site.failingBuild { $0.collectorURL = "javascript:alert(1)" }
        XCTAssertEqual(errors.map(\.file), ["--collector-url"], "\(errors)")
    }

    func testACollectorURLThatIsNoPlaceToPostIsAnErrorAtItsLine() throws {
        for url in ["\"javascript:alert(1)\"", "\"https://vote.example.org; script-src *\"", "//vote.example.org/", "vote.example.org"] {
            let site = try site(collector: url)
            defer { site.remove() }
            let errors = site.failingBuild()
            XCTAssertEqual(errors.map(\.line), [3], "\(url): \(errors)")
            XCTAssertContains(errors.first?.message ?? "", "`collector_url` must be an http(s) address or a path on this site")
        }
    }

    func testACollectorKeyThatIsNoEd25519PublicKeyIsAnErrorAtItsLine() throws {
        let good = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
        for keys in ["[\(good)x]", "[\(good.dropLast())p]", "[\"\(good)=\"]", "[abc]"] {
            let site = try site(collector: "https://vote.example.org/\ncollector_keys: \(keys)")
            defer { site.remove() }
            let errors = site.failingBuild()
            XCTAssertEqual(errors.map(\.line), [4], "\(keys): \(errors)")
            XCTAssertContains(errors.first?.message ?? "", "is not a collector's log key")
        }
        let site = try site(collector: "https://vote.example.org/\ncollector_keys: [\(good)]")
        defer { site.remove() }
        try site.build()
    }
}
