import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest

/// The live server takes `POST /v1/submissions` on the event loop (`SubmissionChannelHandler`), the router in
/// process tests: both must give the same answers, and answers on one connection must keep the requests' order.
final class SubmissionChannelTests: XCTestCase {
    private struct Exchange {
        let name: String
        let body: ByteBuffer
        var headers: HTTPFields = [:]
    }

    private static let compared: [HTTPFields.Element.Name] = [
        .contentType, .xContentTypeOptions, .contentSecurityPolicy, .cacheControl, .accessControlAllowOrigin, .vary, .retryAfter,
        HTTPFields.Element.Name("Referrer-Policy")!, HTTPFields.Element.Name("X-Frame-Options")!, HTTPFields.Element.Name("Cross-Origin-Opener-Policy")!,
    ]

    /// Status, body and headers of each exchange, in order, against the router or the live server.
    private func answers(_ exchanges: [Exchange], live: Bool, configuration: CollectorConfiguration) async throws -> [String] {
        var out: [String] = []
        try await withCollector(configuration: configuration, live: live) { client, _ in
            for exchange in exchanges {
                guard live else {
                    let response = try await client.postJSON(exchange.body, headers: exchange.headers)
                    let headers = Self.compared.map { "\($0)=\(response.headers[$0] ?? "-")" }.joined(separator: " ")
                    out.append("\(exchange.name): \(response.status.code) \(response.text) \(headers)")
                    continue
                }
                // A connection each: the live server closes one whose body it refuses unread (a body too large).
                var fields = exchange.headers
                if fields[.contentType] == nil { fields[.contentType] = "application/json" }
                let request = "POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields.map { "\($0.name.rawName): \($0.value)\r\n" }.joined()
                    + "Content-Length: \(exchange.body.readableBytes)\r\n\r\n" + String(buffer: exchange.body)
                let response = try RawHTTP.exchange(port: try XCTUnwrap(client.port), request: request, answers: 1)[0]
                let headers = Self.compared.map { "\($0)=\(response.headers[$0.canonicalName] ?? "-")" }.joined(separator: " ")
                out.append("\(exchange.name): \(response.status) \(response.body) \(headers)")
            }
        }
        return out
    }

    func testTheLiveServerAnswersSubmissionsAsTheRouterDoes() async throws {
        let valid = Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")]))
        let other = Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("bike-lanes")], nonce: 2))
        let unknownForm = Fixtures.json(["form": "nowhere", "ballot": "x", "public_key": "k", "signature": "s"])
        let overBudget = Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("library-roof"), BallotItem("bike-lanes")], nonce: 3))
        let exchanges = [
            Exchange(name: "stored", body: valid),
            Exchange(name: "again", body: valid),
            Exchange(name: "allowed origin", body: other, headers: [.origin: "https://consult.example.org"]),
            Exchange(name: "foreign origin", body: other, headers: [.origin: "https://evil.example"]),
            Exchange(name: "media type", body: valid, headers: [.contentType: "text/plain"]),
            Exchange(name: "not json", body: ByteBuffer(string: "{\"form\": }")),
            Exchange(name: "unknown form", body: unknownForm, headers: [.acceptLanguage: "fr"]),
            Exchange(name: "over budget", body: overBudget, headers: [.acceptLanguage: "fr-CH, de"]),
            Exchange(name: "too large", body: ByteBuffer(string: String(repeating: " ", count: 2048) + "{}")),
            // From an allowed page: the refusal keeps its CORS grant on both paths, so the page's script can read it.
            Exchange(name: "rate limited", body: valid, headers: [.origin: "https://consult.example.org"]),
        ]
        // Eight requests pass the rate limit (a foreign origin is refused before it counts): the ninth is limited.
        let configuration = Fixtures.configuration {
            $0.bodyLimit = 1024
            $0.rateLimit = RateLimit(perSecond: 0.001, burst: 8)
        }
        let router = try await answers(exchanges, live: false, configuration: configuration)
        let live = try await answers(exchanges, live: true, configuration: configuration)
        XCTAssertEqual(live.count, exchanges.count)
        for (routed, channel) in zip(router, live) { XCTAssertEqual(channel, routed) }
        XCTAssertTrue(live[0].hasPrefix("stored: 201 "), live[0])
        XCTAssertTrue(live[3].contains("origin_not_allowed"), live[3])
        XCTAssertTrue(live[8].hasPrefix("too large: 413 "), live[8])
        XCTAssertTrue(live[9].hasPrefix("rate limited: 429 ") && live[9].contains("Retry-After=1000"), live[9])
        XCTAssertTrue(live[9].contains("Access-Control-Allow-Origin=https://consult.example.org"), live[9])
    }

    func testPipelinedRequestsAreAnsweredInTheirOrder() async throws {
        let first = String(buffer: Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])))
        let second = String(buffer: Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("bike-lanes")], nonce: 2)))
        let post = Self.post
        let get = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        try await withLiveCollector { port, db in
            // A submission behind a routed request, a routed request behind a submission, two submissions in a row.
            let answers = try RawHTTP.exchange(port: port, request: get + post(first) + get + post(second) + post(first), answers: 5)
            XCTAssertEqual(answers.map(\.status), [200, 201, 200, 201, 201])
            XCTAssertTrue(answers[0].body.contains("\"status\":\"ok\""), answers[0].body)
            XCTAssertTrue(answers[2].body.contains("\"status\":\"ok\""), answers[2].body)
            let receipts = [answers[1], answers[3], answers[4]].map { Fixtures.object(ByteBuffer(string: $0.body))["receipt"] as? String }
            XCTAssertEqual(receipts[0], receipts[2], "the same ballot again gets the same receipt")
            XCTAssertNotEqual(receipts[0], receipts[1])
            XCTAssertEqual(db.submissionCount, 2)
        }
    }

    func testConnectionCloseIsHonoured() async throws {
        let body = String(buffer: Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])))
        let request = "POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        try await withLiveCollector { port, db in
            let answers = try RawHTTP.exchange(port: port, request: request, answers: 1, untilClosed: true)
            XCTAssertEqual(answers.map(\.status), [201])
            XCTAssertEqual(db.submissionCount, 1)
        }
    }

    func testASilentConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await withCollector(live: true, idleTimeout: .milliseconds(300)) { client, _ in
            let started = Date()
            let connection = try RawHTTP.Connection(port: try XCTUnwrap(client.port))
            try connection.send("POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            XCTAssertEqual(try connection.read(0, untilClosed: true).count, 0, "a head never finished gets no answer")
            XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        }
    }

    /// Submissions are answered ahead of the router: the connection's idle clock must still see them.
    func testAConnectionBusyWithSubmissionsOutlivesTheIdleTimeout() async throws {
        try await withCollector(live: true, idleTimeout: .milliseconds(300)) { client, db in
            let connection = try RawHTTP.Connection(port: try XCTUnwrap(client.port))
            for nonce: UInt8 in 1...8 {
                let body = String(buffer: Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")], nonce: nonce)))
                try connection.send(Self.post(body))
                XCTAssertEqual(try connection.read(1).map(\.status), [201])
                try await Task.sleep(for: .milliseconds(100))
            }
            XCTAssertEqual(db.submissionCount, 8)
        }
    }

    /// Bytes that are not HTTP behind a submission being stored: its answer still comes first.
    func testAMalformedRequestBehindASubmissionIsAnsweredAfterIt() async throws {
        let body = String(buffer: Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])))
        try await withLiveCollector { port, db in
            let answers = try RawHTTP.exchange(port: port, request: Self.post(body) + "NOT HTTP AT ALL\r\n\r\n", answers: 1, untilClosed: true)
            XCTAssertEqual(answers.first?.status, 201)
            XCTAssertEqual(db.submissionCount, 1)
        }
    }

    private static func post(_ body: String) -> String {
        "POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    private func withLiveCollector(_ body: @escaping (Int, TestDatabase) async throws -> Void) async throws {
        try await withCollector(live: true) { client, db in
            try await body(try XCTUnwrap(client.port), db)
        }
    }
}
