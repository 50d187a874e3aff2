import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Model
@testable import SiteKit
import XCTest

/// Issue 22: a participant who signs without JavaScript on the Arabic page gets the collector's answer in Arabic,
/// right to left, in the site's layout (stylesheet, skip link, header), from a real `collector serve`.
final class ArabicAnswerTests: XCTestCase {
    private static let site = """
    -- content/site.yaml --
    title:
      en: Flow City
      ar: مدينة التدفق
    base_url: https://example.org/
    collector_url: https://vote.example.org/
    default_language: en
    languages:
      - code: en
        name: English
      - code: ar
        name: العربية
    -- content/_index.en.md --
    ---
    title: Home
    ---
    -- content/_index.ar.md --
    ---
    title: الرئيسية
    ---
    -- content/house/_index.en.md --
    ---
    title: Petitions
    kind: petitions
    component: petitions
    phases:
      - id: open
        title: Open
        start: 2026-01-01
        end: 2035-12-31
        actions: [sign]
    identity_fields:
      - id: name
        label: Your name
    ---
    -- content/house/_index.ar.md --
    ---
    title: العرائض
    ---
    -- content/house/trains.en.md --
    ---
    title: Night trains
    ---
    -- content/house/trains.ar.md --
    ---
    title: قطارات الليل
    ---
    """

    private func post(_ port: Int, _ body: String) async throws -> (status: Int, page: String, policy: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/forms/house/trains/sign")!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("ar", forHTTPHeaderField: "Accept-Language")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Security-Policy") ?? "")
    }

    func testAnArabicNoJavaScriptSignatureIsAnsweredInArabicRightToLeftInTheSitesLayout() async throws {
        let root = TellerFixtures.temporaryDirectory()
        try TellerFixtures.writeFiles(Self.site, under: root)
        var options = BuildOptions(contentDirectory: root.appendingPathComponent("content"), outputDirectory: root.appendingPathComponent("public"))
        options.runPagefind = false
        options.now = Date()
        _ = try SiteBuilder(options: options).build()
        let manifest = root.appendingPathComponent("public/ballots.json").path
        let collector = try CollectorProcess(arguments: ["--manifest", manifest, "--db", root.appendingPathComponent("c.sqlite").path, "--rate-limit", "0"])
        defer { collector.kill(SIGTERM) }
        let arabic = try XCTUnwrap(try ThemeMessages.catalog(["en", "ar"]).languages["ar"]?.strings)

        let stored = try await post(collector.port, "identity.name=Amal&lang=ar")
        XCTAssertEqual(stored.status, 201, stored.page)
        XCTAssertTrue(stored.page.hasPrefix("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"), stored.page)
        XCTAssertTrue(stored.page.contains("<title>\(try XCTUnwrap(arabic["collector_stored"])) – قطارات الليل · مدينة التدفق</title>"), stored.page)
        XCTAssertTrue(stored.page.contains("<h1>\(try XCTUnwrap(arabic["collector_stored"]))</h1>"), stored.page)
        XCTAssertTrue(stored.page.contains(MarkupEscape.escape(try XCTUnwrap(arabic["collector_keep"]))), stored.page)
        XCTAssertNotNil(stored.page.range(of: #"<code>[0-9a-f]{64}</code>"#, options: .regularExpression), stored.page)
        XCTAssertNotNil(stored.page.range(of: #"<link rel="stylesheet" href="https://example\.org/[^"]+\.css">"#, options: .regularExpression),
                        "the site's stylesheet, from the site's origin: \(stored.page)")
        XCTAssertTrue(stored.page.contains("<a class=\"skip-link\" href=\"#main\">"), stored.page)
        XCTAssertTrue(stored.page.contains("<header class=\"site-header\">") && stored.page.contains("<main id=\"main\" tabindex=\"-1\">"), stored.page)
        XCTAssertTrue(stored.page.contains("href=\"https://example.org/en/\""), "the language switcher leads to the site: \(stored.page)")
        XCTAssertFalse(stored.page.contains("<script"), "the answer page runs no script")
        XCTAssertTrue(stored.policy.contains("default-src 'none'; style-src 'self' https://example.org;") && stored.policy.contains("form-action 'none'"),
                      stored.policy)

        let refused = try await post(collector.port, "lang=ar")
        XCTAssertEqual(refused.status, 422, refused.page)
        XCTAssertTrue(refused.page.contains("<html lang=\"ar\" dir=\"rtl\">"), refused.page)
        XCTAssertTrue(refused.page.contains("<p role=\"alert\">\(MarkupEscape.escape(try XCTUnwrap(arabic["refusal_missing_identity"])))</p>"), refused.page)
        XCTAssertTrue(refused.page.contains("<h1>\(try XCTUnwrap(arabic["collector_refused"]))</h1>"), refused.page)
    }
}
