import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest

final class ReadRouteTests: XCTestCase {
    func testReceiptsSayWhetherTheyAreStored() async throws {
        try await withCollector { client, _ in
            let stored = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])))
            let receipt = Fixtures.object(stored.body)["receipt"] as! String
            let found = try await client.execute(uri: "/v1/receipts/\(receipt)", method: .get)
            XCTAssertEqual(found.status, .ok)
            XCTAssertEqual(Fixtures.object(found.body)["stored"] as? Bool, true)
            XCTAssertEqual(Fixtures.object(found.body)["stored_at"] as? String, "2026-11-26T15:00:00.000Z")
            let missing = try await client.execute(uri: "/v1/receipts/" + String(repeating: "0", count: 64), method: .get)
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertEqual(Fixtures.object(missing.body)["stored"] as? Bool, false)
            let malformed = try await client.execute(uri: "/v1/receipts/ABC'%20OR%201=1", method: .get)
            XCTAssertEqual(Fixtures.errorCode(malformed.body), "invalid_receipt")
        }
    }

    func testCountsAreRecomputedAtMostOncePerInterval() async throws {
        let clock = TestClock(Fixtures.now)
        let environment = CollectorEnvironment(now: { clock.now }, randomBytes: Fixtures.counterRandom())
        try await withCollector(environment: environment) { client, _ in
            let before = try await client.execute(uri: "/v1/counts/" + Fixtures.budget.id, method: .get)
            XCTAssertEqual(Fixtures.object(before.body)["count"] as? Int, 0)
            XCTAssertEqual(Fixtures.object(before.body)["verified"] as? Bool, false)
            _ = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])))
            let cached = try await client.execute(uri: "/v1/counts/" + Fixtures.budget.id, method: .get)
            XCTAssertEqual(Fixtures.object(cached.body)["count"] as? Int, 0, "still the snapshot of the last interval")
            clock.advance(6)
            let fresh = try await client.execute(uri: "/v1/counts/" + Fixtures.budget.id, method: .get)
            XCTAssertEqual(Fixtures.object(fresh.body)["count"] as? Int, 1)
            XCTAssertEqual(Fixtures.object(fresh.body)["as_of"] as? String, "2026-11-26T15:00:06Z")
            let unknown = try await client.execute(uri: "/v1/counts/nope", method: .get)
            XCTAssertEqual(Fixtures.errorCode(unknown.body), "unknown_form")
        }
    }

    func testHealthAndMetricsReportAcceptedRejectedAndCommits() async throws {
        try await withCollector { client, _ in
            _ = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])))
            _ = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.closed, items: [BallotItem("a")], seed: 2)))
            let health = try await client.execute(uri: "/healthz", method: .get)
            XCTAssertEqual(Fixtures.object(health.body)["status"] as? String, "ok")
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            XCTAssertTrue(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") ?? false)
            XCTAssertTrue(metrics.text.contains("collector_submissions_accepted_total 1\n"), metrics.text)
            XCTAssertTrue(metrics.text.contains("collector_submissions_rejected_total{reason=\"form_closed\"} 1\n"))
            XCTAssertTrue(metrics.text.contains("collector_commit_batch_size_count 1\n"))
            XCTAssertTrue(metrics.text.contains("collector_commit_seconds_bucket{le=\"+Inf\"} 1\n"))
            XCTAssertTrue(metrics.text.contains("collector_queue_depth 0\n"))
        }
    }
}

final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
