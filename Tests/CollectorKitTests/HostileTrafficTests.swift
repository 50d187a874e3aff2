@testable import CollectorKit
import Foundation
import Model
import NIOCore
import XCTest

/// The adversary suite of issue 18 against a live collector on loopback: requests made by hand to exhaust it.
/// Each test failed before its fix.
final class HostileTrafficTests: XCTestCase {
    private static func head(_ length: Int, extra: String = "") -> String {
        "POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\(extra)Content-Length: \(length)\r\n\r\n"
    }

    /// Case 3: 64 KiB of distinct keys took 1.9 s of an event loop to refuse (a quadratic duplicate check), and
    /// `/healthz` waited behind it; three stalled both loops. Now each is refused after a few dozen keys.
    func testKeyFloodsAreRefusedAtOnceAndHealthzDoesNotWaitBehindThem() async throws {
        var flood = "{"
        var key = 0
        while flood.utf8.count < 64 * 1024 - 32 {
            flood += (key == 0 ? "" : ",") + "\"k\(key)\":\"\""
            key += 1
        }
        flood += "}"
        let body = flood
        try await withCollector(configuration: Fixtures.configuration { $0.bodyLimit = 64 * 1024 }, live: true) { client, _ in
            let port = try XCTUnwrap(client.port)
            let started = Date()
            async let floods = withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask { try RawHTTP.exchange(port: port, request: Self.head(body.utf8.count) + body, answers: 1).map(\.status) }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            var health: [Double] = []
            for _ in 0..<5 {
                let asked = Date()
                let answer = try RawHTTP.exchange(port: port, request: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", answers: 1)
                XCTAssertEqual(answer.map(\.status), [200])
                health.append(Date().timeIntervalSince(asked))
            }
            let statuses = try await floods
            let elapsed = Date().timeIntervalSince(started)
            XCTAssertEqual(statuses, Array(repeating: 400, count: 4))
            // Four floods took about 8 s of event loop before; a debug build on a busy machine now needs well under one.
            XCTAssertLessThan(elapsed, 3, "\(key) keys × 4")
            XCTAssertLessThan(health.max()!, 1, "healthz beside the floods: \(health)")
        }
    }

    /// Case 4: each body byte reset the idle timer, so one byte every few seconds held a connection for ever.
    func testABodyTrickledInIsCutOffAtTheTimeoutAfterItsHead() async throws {
        try await withCollector(live: true, idleTimeout: .seconds(1)) { client, _ in
            let connection = try RawHTTP.Connection(port: try XCTUnwrap(client.port))
            try connection.send(Self.head(1000))
            let started = Date()
            var cut = false
            while Date().timeIntervalSince(started) < 4 {
                usleep(250_000)
                if (try? connection.send("x")) == nil {
                    cut = true
                    break
                }
            }
            XCTAssertTrue(cut || connection.closes(within: 0.5), "still open after 4 s of one byte every 250 ms")
            XCTAssertLessThan(Date().timeIntervalSince(started), 3.5)
        }
    }

    /// Case 4: a head declaring a gigabyte was answered only after the whole gigabyte had been read and dropped.
    func testABodyDeclaredTooLargeIsRefusedAtItsHeadAndTheConnectionClosed() async throws {
        try await withCollector(live: true) { client, db in
            let connection = try RawHTTP.Connection(port: try XCTUnwrap(client.port), timeoutSeconds: 3)
            try connection.send(Self.head(1_000_000_000))
            let answers = try connection.read(1)
            XCTAssertEqual(answers.map(\.status), [413])
            XCTAssertTrue(answers[0].body.contains("body_too_large"), answers[0].body)
            XCTAssertTrue(connection.closes(within: SubmissionChannelHandler.lingerTime.seconds + 2), "the rest of the gigabyte is not waited for")
            XCTAssertEqual(db.submissionCount, 0)
        }
    }

    /// Case 4 on the router's path: a no-JS form post declaring a gigabyte is refused at its head too.
    func testAFormPostDeclaredTooLargeIsRefusedAtItsHead() async throws {
        try await withCollector(live: true) { client, _ in
            let connection = try RawHTTP.Connection(port: try XCTUnwrap(client.port), timeoutSeconds: 3)
            try connection.send("POST /v1/forms/\(Fixtures.budget.id) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000000\r\n\r\nchoice=")
            XCTAssertEqual(try connection.read(1).map(\.status), [413])
            XCTAssertTrue(connection.closes(within: 5), "the rest of the gigabyte is not waited for")
        }
        // Chunked, with no length declared: cut off once past the limit, and refused whole (never a truncated form).
        try await withCollector(configuration: Fixtures.configuration { $0.bodyLimit = 4096 }, live: true) { client, db in
            let connection = try RawHTTP.Connection(port: try XCTUnwrap(client.port), timeoutSeconds: 3)
            try connection.send("POST /v1/forms/\(Fixtures.opinion.id) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
            try connection.send("10\r\nopinion.s1=agree\r\n")
            for _ in 0..<3 { try connection.send("1000\r\n&" + String(repeating: "x", count: 4095) + "\r\n") }
            XCTAssertEqual(try connection.read(1).map(\.status), [413])
            XCTAssertTrue(connection.closes(within: 5))
            XCTAssertEqual(db.submissionCount, 0)
        }
    }

    /// Case 4: a body refused at its head (here a foreign origin, sent chunked) was read to its end, however long.
    func testARefusedBodyIsReadNoFurtherThanTheBodyLimit() async throws {
        try await withCollector(configuration: Fixtures.configuration { $0.bodyLimit = 4096 }, live: true) { client, _ in
            let connection = try RawHTTP.Connection(port: try XCTUnwrap(client.port), timeoutSeconds: 3)
            try connection.send("POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                + "Origin: https://evil.example\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = "1000\r\n" + String(repeating: " ", count: 4096) + "\r\n"
            for _ in 0..<3 { try connection.send(chunk) }
            // No last chunk: the answer must not wait for one.
            let answers = try connection.read(1)
            XCTAssertEqual(answers.map(\.status), [403])
            XCTAssertTrue(answers[0].body.contains("origin_not_allowed"), answers[0].body)
        }
    }

    /// Case 4: there was no cap on connections; past `maxConnections` one more is answered 503 `busy` and closed,
    /// and a place freed is taken again.
    func testConnectionsPastTheCapAreAnsweredBusyAndClosed() async throws {
        try await withCollector(configuration: Fixtures.configuration { $0.maxConnections = 3 }, live: true) { client, _ in
            let port = try XCTUnwrap(client.port)
            // The test client may hold a connection of its own: open connections until one is refused.
            var held: [RawHTTP.Connection] = []
            var refused: RawHTTP.Answer?
            while refused == nil, held.count < 5 {
                let connection = try RawHTTP.Connection(port: port, timeoutSeconds: 3)
                try? connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                let answer = try connection.read(1)[0]
                if answer.status == 200 { held.append(connection) } else { refused = answer }
                if answer.status != 200 { XCTAssertTrue(connection.closes(within: 2)) }
            }
            XCTAssertEqual(refused?.status, 503)
            XCTAssertTrue(refused?.body.contains("\"busy\"") == true, refused?.body ?? "")
            XCTAssertTrue((2...3).contains(held.count), "\(held.count) admitted under a cap of 3")
            held.removeLast()
            var admitted = false
            for _ in 0..<50 where !admitted {
                let again = try RawHTTP.exchange(port: port, request: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", answers: 1)
                admitted = again.map(\.status) == [200]
                if !admitted { usleep(50_000) }
            }
            XCTAssertTrue(admitted, "a closed connection frees its place")
        }
    }
}

private extension TimeAmount {
    var seconds: Double { Double(nanoseconds) / 1e9 }
}

/// Cases 7 and 8 of issue 18: whom a request comes from, and which pages may call the collector.
final class HostileOriginTests: XCTestCase {
    private static func post(_ body: String, headers: String = "") -> String {
        "POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\(headers)Content-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    private static func status(_ port: Int, forwardedFor: String?) throws -> Int {
        try RawHTTP.exchange(port: port, request: post("{}", headers: forwardedFor.map { "X-Forwarded-For: \($0)\r\n" } ?? ""), answers: 1)[0].status
    }

    /// Case 7: behind a load balancer every participant was one address: one rate limit for all, one address hash.
    func testBehindATrustedProxyTheClientIsTheRightmostUntrustedHop() async throws {
        let configuration = Fixtures.configuration {
            $0.rateLimit = RateLimit(perSecond: 0.001, burst: 2)
            $0.trustedProxies = try! TrustedProxies(["127.0.0.0/8", "10.0.0.0/8"])
        }
        try await withCollector(configuration: configuration, live: true) { client, db in
            let port = try XCTUnwrap(client.port)
            XCTAssertEqual(try Self.status(port, forwardedFor: "203.0.113.9"), 400)
            XCTAssertEqual(try Self.status(port, forwardedFor: "203.0.113.9, 10.1.2.3"), 400, "a second trusted proxy on the way")
            XCTAssertEqual(try Self.status(port, forwardedFor: "203.0.113.9"), 429, "the same client, over its burst")
            XCTAssertEqual(try Self.status(port, forwardedFor: "198.51.100.7"), 400, "another client has its own limit")
            XCTAssertEqual(try Self.status(port, forwardedFor: "198.51.100.250, 203.0.113.9"), 429,
                           "what the client wrote left of the last untrusted hop changes nothing")
            // The stored address hash follows the client too, on the script's path and the form's.
            for (index, address) in ["192.0.2.1", "192.0.2.2"].enumerated() {
                let body = String(buffer: Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")], nonce: UInt8(10 + index))))
                let answer = try RawHTTP.exchange(port: port, request: Self.post(body, headers: "X-Forwarded-For: \(address)\r\n"), answers: 1)
                XCTAssertEqual(answer.map(\.status), [201], answer.first?.body ?? "")
            }
            XCTAssertEqual(Set(db.rows("SELECT client_hash FROM submissions").map { $0[0] }).count, 2)
        }
    }

    /// Without `--trusted-proxy`, `X-Forwarded-For` is anyone's text: it moves neither the limit nor the hash.
    func testWithoutATrustedProxyForwardedForIsIgnored() async throws {
        let configuration = Fixtures.configuration { $0.rateLimit = RateLimit(perSecond: 0.001, burst: 2) }
        try await withCollector(configuration: configuration, live: true) { client, _ in
            let port = try XCTUnwrap(client.port)
            XCTAssertEqual(try Self.status(port, forwardedFor: "203.0.113.1"), 400)
            XCTAssertEqual(try Self.status(port, forwardedFor: "203.0.113.2"), 400)
            XCTAssertEqual(try Self.status(port, forwardedFor: "203.0.113.3"), 429)
        }
    }

    /// Case 8: a page on a name pointed at the collector (DNS rebinding) sends `Origin` and `Host` that agree, and
    /// was taken for the kiosk's own page.
    func testAKioskTakesItsOwnPagesByAddressButNotARebindingName() async throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try await withCollector(configuration: Fixtures.configuration { $0.siteDirectory = site.path }, live: true) { client, _ in
            let port = try XCTUnwrap(client.port)
            func answer(host: String) throws -> RawHTTP.Answer {
                let request = "POST /v1/submissions HTTP/1.1\r\nHost: \(host)\r\nOrigin: http://\(host)\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                return try RawHTTP.exchange(port: port, request: request, answers: 1)[0]
            }
            let rebinding = try answer(host: "evil.example:\(port)")
            XCTAssertEqual(rebinding.status, 403)
            XCTAssertNil(rebinding.headers["access-control-allow-origin"])
            for host in ["127.0.0.1:\(port)", "localhost:\(port)"] {
                let own = try answer(host: host)
                XCTAssertEqual(own.status, 400, "the kiosk's own page gets as far as reading the body: \(host)")
                XCTAssertEqual(own.headers["access-control-allow-origin"], "http://\(host)")
            }
        }
    }

    /// Case 8: `/\t/evil.example` passed as a path on this site; browsers drop the tab and go to evil.example.
    func testTheAnswerPageLinksBackOnlyToThisSiteOrAnAllowedOne() async throws {
        let hostile = ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example", "\\\\evil.example",
                       "https://evil.example/", "javascript:alert(1)", " https://evil.example", "/\u{202E}/evil.example"]
        try await withCollector { client, _ in
            for link in hostile {
                let page = try await client.postForm(Fixtures.opinion.id, [("opinion.s1", "agree"), ("return", link)])
                XCTAssertEqual(page.status, .created, page.text)
                XCTAssertFalse(page.text.contains("evil.example"), "\(link.debugDescription) became a link")
                XCTAssertTrue(page.text.contains("href=\"https://consult.example.org/\""), link.debugDescription)
            }
            let allowed = try await client.postForm(Fixtures.opinion.id, [("opinion.s2", "agree"), ("return", "https://consult.example.org/fr/")])
            XCTAssertTrue(allowed.text.contains("href=\"https://consult.example.org/fr/\""))
        }
    }
}

/// Request smuggling and header floods (issue 18's adversary suite): a request whose framing two parsers could
/// read two ways is refused with 400 and its connection closed, so nothing hides behind it.
final class HostileFramingTests: XCTestCase {
    private static let body = "{}"

    /// Each request, then a harmless one behind it on the same connection: the first must be refused and the
    /// connection closed before the second is read as a request of its own.
    private static let ambiguous: [(String, String)] = [
        ("two different Content-Length", "POST /v1/submissions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}"),
        ("Content-Length beside chunked", "POST /v1/submissions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("a Content-Length list", "POST /v1/submissions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 2, 40\r\n\r\n{}"),
        ("a folded header", "POST /v1/submissions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length:\r\n 2\r\n\r\n{}"),
        ("a space before the colon", "POST /v1/submissions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length : 2\r\n\r\n{}"),
        ("an unknown transfer coding", "POST /v1/submissions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
        ("a negative length", "POST /v1/submissions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: -2\r\n\r\n{}"),
        ("a NUL in a header", "POST /v1/submissions HTTP/1.1\r\nHost: a\r\nX-A: b\u{0}c\r\nContent-Length: 2\r\n\r\n{}"),
    ]

    func testAmbiguousFramingIsRefusedAndTheConnectionClosed() async throws {
        try await withCollector(live: true) { client, db in
            let port = try XCTUnwrap(client.port)
            var outcomes: [String] = []
            for (name, request) in Self.ambiguous {
                let connection = try RawHTTP.Connection(port: port, timeoutSeconds: 3)
                try? connection.send(request + "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
                let answers = (try? connection.read(2, untilClosed: false)) ?? []
                let statuses = answers.map(\.status)
                outcomes.append("\(name): \(statuses)")
                XCTAssertFalse(statuses.contains(200), "\(name): a request hidden behind it was answered: \(statuses)")
                XCTAssertFalse(statuses.contains(201), "\(name): stored")
            }
            XCTAssertEqual(db.submissionCount, 0, outcomes.joined(separator: "; "))
        }
    }

    func testAHeaderFloodIsRefusedAndHealthzStaysQuick() async throws {
        try await withCollector(live: true) { client, _ in
            let port = try XCTUnwrap(client.port)
            let flood = "GET /healthz HTTP/1.1\r\nHost: a\r\n" + (0..<2_000).map { "X-\($0): \(String(repeating: "v", count: 40))\r\n" }.joined() + "\r\n"
            let connection = try RawHTTP.Connection(port: port, timeoutSeconds: 3)
            try? connection.send(flood)
            let answers = (try? connection.read(1)) ?? []
            XCTAssertNotEqual(answers.first?.status, 200, "2 000 headers are past the limit of 1 000")
            XCTAssertTrue(connection.closes(within: 3))
            let started = Date()
            XCTAssertEqual(try RawHTTP.exchange(port: port, request: "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n", answers: 1).map(\.status), [200])
            XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        }
    }
}
