@testable import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Model
import XCTest

/// One failed sync, write or checkpoint is final: nothing is acknowledged after it, even once the disk works again
/// (Linux reports a failed write-back once), nothing acknowledged before it is lost, and `/healthz` and `/metrics`
/// say why until the collector is restarted.
final class StorageLatchTests: XCTestCase {
    private func record(_ index: Int) -> SubmissionRecord {
        SubmissionRecord(receipt: String(format: "%064x", index), form: "f", ballot: "b\(index)", publicKey: "k", signature: "s",
                         identity: nil, receivedAt: "2026-11-26T15:00:00.000Z", collectorID: "c", clientHash: "h")
    }

    private static func ballot(_ seed: UInt8) -> [String: Any] {
        Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")], seed: seed)
    }

    func testAFailedWALSyncIsFinalAndHealthAndMetricsSayWhy() async throws {
        let path = Fixtures.temporaryDatabase()
        let failing = FailingDisk()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), disk: failing.disk)
        let app = CollectorServer.application(manifest: Fixtures.manifest, configuration: Fixtures.configuration(), store: store,
                                              metrics: CollectorMetrics(), environment: Fixtures.environment(), host: "127.0.0.1", port: 0,
                                              logger: Logger(label: "storage-latch-test"))
        let (acknowledged, refused) = try await app.test(.live) { client -> ([String], [String]) in
            var acknowledged: [String] = []
            var refused: [String] = []
            for seed: UInt8 in 1...3 {
                let answer = try await client.postJSON(Fixtures.json(Self.ballot(seed)))
                XCTAssertEqual(answer.status, .created)
                acknowledged.append(try XCTUnwrap(Fixtures.object(answer.body)["receipt"] as? String))
            }
            let healthy = try await client.execute(uri: "/healthz", method: .get)
            XCTAssertEqual(healthy.status, .ok)

            failing.failOnce(.walSync)
            for seed: UInt8 in 4...6 {
                let body = Self.ballot(seed)
                let answer = try await client.postJSON(Fixtures.json(body))
                XCTAssertEqual(answer.status, .serviceUnavailable, "ballot \(seed) after the failed sync")
                XCTAssertEqual(Fixtures.errorCode(answer.body), "unavailable")
                refused.append(SignedBallot.receipt(ofSignature: try XCTUnwrap(Base64URL.decode(body["signature"] as! String))))
            }
            XCTAssertEqual(failing.failed, 1, "the disk failed once, then synced again: the collector still refuses")

            let health = try await client.execute(uri: "/healthz", method: .get)
            XCTAssertEqual(health.status, .serviceUnavailable)
            XCTAssertEqual(Fixtures.object(health.body)["status"] as? String, "storage_failed")
            XCTAssertEqual(Fixtures.object(health.body)["reason"] as? String, "wal_sync")
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            XCTAssertEqual(metrics.status, .ok)
            XCTAssertTrue(metrics.text.contains("collector_storage_failed{reason=\"wal_sync\"} 1\n"), metrics.text)
            XCTAssertTrue(metrics.text.contains("collector_storage_failed{reason=\"write\"} 0\n"), metrics.text)
            for receipt in refused {
                let lookup = try await client.execute(uri: "/v1/receipts/\(receipt)", method: .get)
                XCTAssertEqual(lookup.status, .notFound, "refused, so not shown as stored")
            }
            for receipt in acknowledged {
                let lookup = try await client.execute(uri: "/v1/receipts/\(receipt)", method: .get)
                XCTAssertEqual(lookup.status, .ok)
            }
            return (acknowledged, refused)
        }
        await store.close()
        let reopened = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        for receipt in acknowledged { XCTAssertNotNil(try reopened.entry(receipt: receipt), "acknowledged before the failure") }
        // The first refused ballot was committed before its sync failed; nothing after it was written.
        for receipt in refused.dropFirst() { XCTAssertNil(try reopened.entry(receipt: receipt), "written after the failure") }
        await reopened.close()
    }

    func testAFailedBackgroundCheckpointIsFinal() async throws {
        try await assertFinal(.checkpoint(thread: "db-checkpoint"), reason: .checkpoint)
    }

    func testAFailedCheckpointOfTheWritersOwnIsFinal() async throws {
        try await assertFinal(.checkpoint(thread: "db-writer"), reason: .checkpoint)
    }

    func testAFailedDatabaseFileSyncIsFinal() async throws {
        try await assertFinal(.databaseSync, reason: .databaseSync)
    }

    /// Stores records one by one, a checkpoint every ten, until `call` fails; then the disk works again.
    private func assertFinal(_ call: FailingDisk.Call, reason: StorageFailure.Reason, file: StaticString = #filePath,
                             line: UInt = #line) async throws {
        let path = Fixtures.temporaryDatabase()
        let failing = FailingDisk()
        failing.failOnce(call)
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), checkpointRows: 10, disk: failing.disk)
        var acknowledged: [Int] = []
        var refusal: StorageFailure?
        for index in 0..<300 where refusal == nil {
            do {
                _ = try await store.store(record(index))
                acknowledged.append(index)
            } catch let failure as StorageFailure {
                refusal = failure
            }
        }
        let failure = try XCTUnwrap(refusal, "the failed \(call) stopped nothing", file: file, line: line)
        XCTAssertEqual(failure.reason, reason, file: file, line: line)
        XCTAssertTrue(failure.description.hasPrefix(path) && failure.description.contains("restart the collector"), failure.description,
                      file: file, line: line)
        XCTAssertEqual(store.failure?.reason, reason, file: file, line: line)
        XCTAssertEqual(failing.failed, 1, file: file, line: line)
        let checkpoints = failing.checkpoints
        let after = 1000..<1005
        for index in after {
            do {
                _ = try await store.store(record(index))
                XCTFail("record \(index) was acknowledged after the failed \(call)", file: file, line: line)
            } catch {
                XCTAssertEqual((error as? StorageFailure)?.reason, reason, file: file, line: line)
            }
        }
        await store.close()
        XCTAssertEqual(failing.checkpoints, checkpoints, "checkpointed after the failure, closing included: the WAL could start over",
                       file: file, line: line)
        let reopened = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        for index in acknowledged {
            XCTAssertNotNil(try reopened.entry(receipt: record(index).receipt), "record \(index), acknowledged before the failure", file: file, line: line)
        }
        for index in after {
            XCTAssertNil(try reopened.entry(receipt: record(index).receipt), "record \(index) was written after the failure", file: file, line: line)
        }
        await reopened.close()
    }
}
