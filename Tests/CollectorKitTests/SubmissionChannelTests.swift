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
                let response = try await client.postJSON(exchange.body, headers: exchange.headers)
                let headers = Self.compared.map { "\($0)=\(response.headers[$0] ?? "-")" }.joined(separator: " ")
                out.append("\(exchange.name): \(response.status.code) \(response.text) \(headers)")
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
            Exchange(name: "rate limited", body: valid),
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
    }

    func testPipelinedRequestsAreAnsweredInTheirOrder() async throws {
        let first = String(buffer: Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])))
        let second = String(buffer: Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("bike-lanes")], nonce: 2)))
        func post(_ body: String) -> String {
            "POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        }
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

    private func withLiveCollector(_ body: @escaping (Int, TestDatabase) async throws -> Void) async throws {
        try await withCollector(live: true) { client, db in
            try await body(try XCTUnwrap(client.port), db)
        }
    }
}

/// A few HTTP/1.1 requests written at once on one socket, as a pipelining client does, and the answers read back.
enum RawHTTP {
    struct Answer {
        let status: Int
        let body: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `request` and reads `answers` answers (each with a Content-Length); with `untilClosed`, then waits for
    /// the server to close the connection.
    static func exchange(port: Int, request: String, answers count: Int, untilClosed: Bool = false) throws -> [Answer] {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect to port \(port)") }
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, 0) }) == bytes.count else { throw Failure(description: "short send") }
        var received: [UInt8] = []
        var answers: [Answer] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            while let (answer, used) = parse(received) {
                answers.append(answer)
                received.removeFirst(used)
            }
            if answers.count >= count && !untilClosed { return answers }
            let read = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if read == 0 {
                guard answers.count >= count else { throw Failure(description: "closed after \(answers.count) of \(count) answers") }
                return answers
            }
            guard read > 0 else { throw Failure(description: "timed out after \(answers.count) of \(count) answers") }
            received += chunk[0..<read]
        }
    }

    /// The first whole answer in `bytes` and how many bytes it took, or nil if it has not all arrived.
    private static func parse(_ bytes: [UInt8]) -> (Answer, Int)? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: bytes[0..<end], as: UTF8.self).split(separator: "\r\n")
        guard let statusLine = head.first, let status = Int(statusLine.split(separator: " ")[1]) else { return nil }
        let length = head.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        let total = end + 4 + length
        guard bytes.count >= total else { return nil }
        return (Answer(status: status, body: String(decoding: bytes[(end + 4)..<total], as: UTF8.self)), total)
    }
}
