import CollectorKit
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest

/// SIGKILL under load must lose no acknowledged submission; SIGTERM must commit what is queued and exit 0.
final class CrashTests: XCTestCase {
    func distinctBody(_ index: Int) -> ByteBuffer {
        let seed = Array(SHA256.hash(data: Data("crash-\(index)".utf8)))
        let key = VotingKey(seed: seed)!
        let options = ["park-benches", "bike-lanes", "library-roof"]
        let ballot = CanonicalBallot(form: Fixtures.budget.id, items: [BallotItem(options[index % 3])], nonce: Array(seed.prefix(16)), issued: Date())
        return Fixtures.json(["form": Fixtures.budget.id, "ballot": ballot.text, "public_key": key.publicKey, "signature": key.sign(ballot)])
    }

    func writeManifest() throws -> String {
        var manifest = Fixtures.manifest
        manifest.forms[0].opens = nil
        manifest.forms[0].closes = nil
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString).json").path
        try BallotManifest.encoder().encode(manifest).write(to: URL(fileURLWithPath: path))
        return path
    }

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
                                                                     body: self.distinctBody(index)) else { break }
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
        let manifest = try writeManifest()
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
    }
}
