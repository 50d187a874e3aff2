import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest

final class MiddlewareTests: XCTestCase {
    func testEveryAnswerCarriesTheSecurityHeaders() async throws {
        try await withCollector { client, _ in
            var answers: [(String, TestResponse)] = []
            for (uri, method) in [("/healthz", HTTPRequest.Method.get), ("/metrics", .get), ("/nowhere", .get), ("/v1/submissions", .get),
                                  ("/v1/submissions", .post)] {
                answers.append(("\(method) \(uri)", try await client.execute(uri: uri, method: method)))
            }
            answers.append(("form post", try await client.postForm(Fixtures.budget.id, [("choice", "park-benches"), ("code", "UUUU")])))
            for (name, response) in answers {
                XCTAssertEqual(response.headers[.xContentTypeOptions], "nosniff", name)
                XCTAssertEqual(response.headers[HTTPFields.Element.Name("X-Frame-Options")!], "DENY", name)
                XCTAssertTrue(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") ?? false, name)
                XCTAssertNil(response.headers[.server], name)
            }
            let byName = Dictionary(uniqueKeysWithValues: answers)
            let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
            let openerPolicy = HTTPFields.Element.Name("Cross-Origin-Opener-Policy")!
            // The API's data is never rendered: no document headers, never cached, nothing may load from it.
            for name in ["GET /healthz", "GET /metrics", "GET /v1/submissions", "POST /v1/submissions"] {
                let headers = byName[name]!.headers
                XCTAssertEqual(headers[.contentSecurityPolicy], "default-src 'none'; frame-ancestors 'none'", name)
                XCTAssertEqual(headers[.cacheControl], "no-store", name)
                XCTAssertNil(headers[referrerPolicy], name)
                XCTAssertNil(headers[openerPolicy], name)
            }
            // The no-JS form's answer is a page: it tells no other site where the participant came from.
            let page = byName["form post"]!.headers
            XCTAssertEqual(page[.contentType], "text/html; charset=utf-8")
            XCTAssertEqual(page[referrerPolicy], "no-referrer")
            XCTAssertEqual(page[openerPolicy], "same-origin")
            // It is the site's layout: it loads the site's stylesheet, images and fonts, and runs nothing.
            XCTAssertEqual(page[.contentSecurityPolicy], "default-src 'none'; style-src 'self' https://consult.example.org; "
                           + "img-src 'self' https://consult.example.org data:; font-src 'self' https://consult.example.org; "
                           + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
            // The site's pages (kiosk mode) send their origin with their forms' posts (`Origin: null` under no-referrer).
            XCTAssertEqual(byName["GET /nowhere"]!.headers[referrerPolicy], "same-origin")
            XCTAssertEqual(Fixtures.errorCode(byName["GET /nowhere"]!.body), "not_found")
        }
    }

    func testCORSIsGrantedToAllowedOriginsOnly() async throws {
        try await withCollector { client, db in
            let preflight = try await client.execute(uri: "/v1/submissions", method: .options, headers: [
                .origin: "https://consult.example.org", .accessControlRequestMethod: "POST", .accessControlRequestHeaders: "content-type",
            ])
            XCTAssertEqual(preflight.status, .noContent)
            XCTAssertEqual(preflight.headers[.accessControlAllowOrigin], "https://consult.example.org")
            XCTAssertEqual(preflight.headers[.accessControlAllowHeaders], "Content-Type")
            let foreignPreflight = try await client.execute(uri: "/v1/submissions", method: .options, headers: [
                .origin: "https://evil.example", .accessControlRequestMethod: "POST",
            ])
            XCTAssertNil(foreignPreflight.headers[.accessControlAllowOrigin])
            let body = Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")]))
            let foreign = try await client.postJSON(body, headers: [.origin: "https://evil.example"])
            XCTAssertEqual(foreign.status, .forbidden)
            XCTAssertEqual(Fixtures.errorCode(foreign.body), "origin_not_allowed")
            XCTAssertEqual(db.submissionCount, 0)
            let allowed = try await client.postJSON(body, headers: [.origin: "https://consult.example.org"])
            XCTAssertEqual(allowed.status, .created)
            XCTAssertEqual(allowed.headers[.accessControlAllowOrigin], "https://consult.example.org")
            XCTAssertEqual(allowed.headers[.vary], "Origin")
        }
    }

    func testTheRateLimitAnswers429WithRetryAfterPerAddress() async throws {
        let configuration = Fixtures.configuration { $0.rateLimit = RateLimit(perSecond: 0.5, burst: 2) }
        try await withCollector(configuration: configuration) { client, _ in
            for _ in 0..<2 {
                let response = try await client.execute(uri: "/v1/counts/" + Fixtures.budget.id, method: .get)
                XCTAssertEqual(response.status, .ok)
            }
            let limited = try await client.execute(uri: "/v1/counts/" + Fixtures.budget.id, method: .get)
            XCTAssertEqual(limited.status, .tooManyRequests)
            XCTAssertEqual(limited.headers[.retryAfter], "2")
            XCTAssertEqual(Fixtures.errorCode(limited.body), "rate_limited")
            let health = try await client.execute(uri: "/healthz", method: .get)
            XCTAssertEqual(health.status, .ok, "only the API is limited")
        }
    }

    func testKioskModeServesTheSiteFromTheSameOrigin() async throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("en"), withIntermediateDirectories: true)
        try "<!doctype html><title>Ward 1</title>".write(to: site.appendingPathComponent("en/index.html"), atomically: true, encoding: .utf8)
        try await withCollector(configuration: Fixtures.configuration { $0.siteDirectory = site.path }) { client, _ in
            let page = try await client.execute(uri: "/en/", method: .get)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Ward 1"))
            XCTAssertEqual(page.headers[.xContentTypeOptions], "nosniff")
            let health = try await client.execute(uri: "/healthz", method: .get)
            XCTAssertEqual(health.status, .ok)
            let sameOrigin = try await client.postForm(Fixtures.opinion.id, [("opinion.s1", "agree"), ("return", "/en/")],
                                                       headers: [.origin: "http://localhost"])
            XCTAssertEqual(sameOrigin.status, .created, sameOrigin.text)
            XCTAssertTrue(sameOrigin.text.contains("href=\"/en/\""))
            let fromPage = try await client.postForm(Fixtures.opinion.id, [("opinion.s2", "agree")],
                                                     headers: [.origin: "http://localhost", .referer: "http://localhost/en/opinion/"])
            XCTAssertTrue(fromPage.text.contains("href=\"http://localhost/en/opinion/\""), "the page the form was on")
        }
    }
}
