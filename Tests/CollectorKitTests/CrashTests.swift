import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

/// SIGKILL under load must lose no acknowledged submission; SIGTERM must commit what is queued and exit 0.
final class CrashTests: XCTestCase {
    /// Sends distinct submissions on `connections` connections until the server goes away; returns the acknowledged receipts.
    func load(port: Int, connections: Int, startingAt base: Int, stopAfter seconds: Double? = nil) async -> [String] {
        let stop = Date().addingTimeInterval(seconds ?? 3600)
        return await withTaskGroup(of: [String].self) { group in
            for connection in 0..<connections {
                group.addTask {
                    let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(10)))
                    client.connect()
                    var acknowledged: [String] = []
                    var index = base + connection * 100_000
                    while Date() < stop {
                        index += 1
                        guard let response = try? await client.post("/v1/submissions", headers: [.contentType: "application/json"],
                                                                     body: Fixtures.distinctBody(index)) else { break }
                        if response.status == .created, let receipt = Fixtures.object(response.body)["receipt"] as? String {
                            acknowledged.append(receipt)
                        }
                    }
                    try? await client.shutdown()
                    return acknowledged
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    func testSIGKILLUnderLoadLosesNoAcknowledgedSubmission() async throws {
        let manifest = try Fixtures.alwaysOpenManifest()
        let db = Fixtures.temporaryDatabase()
        let arguments = ["--manifest", manifest, "--db", db, "--rate-limit", "0", "--collector-id", "crash-test"]
        let first = try CollectorProcess(arguments: arguments)
        async let acknowledged = load(port: first.port, connections: 16, startingAt: 0)
        try await Task.sleep(for: .milliseconds(1500))
        first.kill(SIGKILL)
        let receipts = await acknowledged
        XCTAssertNotNil(first.wait())
        XCTAssertGreaterThan(receipts.count, 50, "the load reached the collector before the kill")

        let second = try CollectorProcess(arguments: arguments)
        let stored = Set(TestDatabase(path: db).rows("SELECT receipt FROM submissions").compactMap { $0[0] })
        let lost = receipts.filter { !stored.contains($0) }
        XCTAssertEqual(lost.count, 0, "\(lost.count) of \(receipts.count) acknowledged receipts are missing")
        XCTAssertEqual(TestDatabase(path: db).scalar("PRAGMA integrity_check"), "ok")
        // Killed, the first run signed no last head; the second signs one over everything the first stored as it starts.
        XCTAssertEqual(TestDatabase(path: db).rows("SELECT tree_size FROM heads"), [[String(stored.count)]])
        let client = TestClient(host: "127.0.0.1", port: second.port)
        client.connect()
        let lookup = try await client.get("/v1/receipts/\(receipts[0])")
        XCTAssertEqual(lookup.status, .ok)
        try await client.shutdown()

        // SIGTERM mid-load: every acknowledged submission is committed and the process exits cleanly.
        async let more = load(port: second.port, connections: 8, startingAt: 50_000_000)
        try await Task.sleep(for: .milliseconds(500))
        second.kill(SIGTERM)
        let late = await more
        XCTAssertEqual(second.wait(), 0)
        let after = Set(TestDatabase(path: db).rows("SELECT receipt FROM submissions").compactMap { $0[0] })
        XCTAssertTrue(late.allSatisfy(after.contains), "a submission acknowledged during shutdown is missing")
        XCTAssertEqual(TestDatabase(path: db).scalar("PRAGMA integrity_check"), "ok")
        XCTAssertEqual(TestDatabase(path: db).scalar("SELECT max(tree_size) FROM heads"), String(after.count), "stopping signs the whole log")
        let tellers = Fixtures.temporaryDatabase()
        let imported = try DatabaseImport.run(sources: [db], into: tellers)[0].summary
        XCTAssertTrue(imported.contains("2 signed heads checked") && !imported.contains("under no head"), imported)
    }
}
