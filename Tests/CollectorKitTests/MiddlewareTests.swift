import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest

final class MiddlewareTests: XCTestCase {
    func testEveryAnswerCarriesTheSecurityHeaders() async throws {
        try await withCollector { client, _ in
            for (uri, method) in [("/healthz", HTTPRequest.Method.get), ("/nowhere", .get), ("/v1/submissions", .get), ("/v1/submissions", .post)] {
                let response = try await client.execute(uri: uri, method: method)
                XCTAssertEqual(response.headers[.xContentTypeOptions], "nosniff", uri)
                XCTAssertEqual(response.headers[HTTPFields.Element.Name("X-Frame-Options")!], "DENY", uri)
                // The site's pages send their origin with their forms' posts (a browser sends `Origin: null` under no-referrer).
                XCTAssertEqual(response.headers[HTTPFields.Element.Name("Referrer-Policy")!], uri == "/nowhere" ? "same-origin" : "no-referrer", uri)
                XCTAssertTrue(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") ?? false, uri)
            }
            let missing = try await client.execute(uri: "/nowhere", method: .get)
            XCTAssertEqual(Fixtures.errorCode(missing.body), "not_found")
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
