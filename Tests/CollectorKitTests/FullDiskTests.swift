import Foundation
import HummingbirdTesting
import NIOCore
import XCTest

/// A real full filesystem under a real collector: a small tmpfs that fills while submissions arrive. SQLite's
/// failed write is final, as a failed sync is: once the disk is full nothing more is acknowledged, not even after
/// space is freed, until the operator restarts the collector; and nothing acknowledged before is lost.
final class FullDiskTests: XCTestCase {
    /// Mounts a tmpfs of `size` on a new folder, unmounted when the test ends; skips the test where mounting is not allowed.
    private func smallFilesystem(size: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("collector-full-disk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard run("/bin/mount", "-t", "tmpfs", "-o", "size=\(size),mode=0700", "collector-full-disk-test", folder) == 0 else {
            throw XCTSkip("cannot mount a tmpfs on \(folder): this test needs root (or CAP_SYS_ADMIN)")
        }
        addTeardownBlock { [self] in
            // Lazily: the collector's files close when its process, already killed, is reaped.
            _ = run("/bin/umount", "-l", folder)
        }
        return folder
    }

    private func run(_ tool: String, _ arguments: String...) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Writes `path` until the filesystem is full, then gives back `room` bytes of it.
    private func fill(_ path: String, leaving room: Int) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0xAB, count: 64 * 1024)
        var written = 0
        while true {
            let count = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            written += count
        }
        XCTAssertEqual(errno, ENOSPC)
        XCTAssertEqual(ftruncate(descriptor, off_t(max(0, written - room))), 0)
    }

    /// The database and its WAL as they are on disk, copied elsewhere and opened without the shared-memory index.
    private func receiptsAfterACrash(_ path: String) throws -> Set<String> {
        let copy = Fixtures.temporaryDatabase()
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        return Set(TestDatabase(path: copy).rows("SELECT receipt FROM submissions").compactMap { $0[0] })
    }

    func testAFullDiskStopsEveryAcknowledgementForGoodAndLosesNoneBeforeIt() async throws {
        let folder = try smallFilesystem(size: "2m")
        let db = folder + "/collector.sqlite"
        let manifest = try Fixtures.alwaysOpenManifest()
        let collector = try CollectorProcess(arguments: ["--manifest", manifest, "--db", db, "--rate-limit", "0", "--collector-id", "full-disk"])
        let filler = folder + "/filler"
        try fill(filler, leaving: 96 * 1024)

        let client = TestClient(host: "127.0.0.1", port: collector.port, configuration: .init(timeout: .seconds(10)))
        client.connect()
        func submit(_ index: Int) async throws -> TestClient.Response {
            try await client.post("/v1/submissions", headers: [.contentType: "application/json"], body: Fixtures.distinctBody(index))
        }
        var acknowledged: [String] = []
        var full = false
        for index in 0..<2000 where !full {
            let answer = try await submit(index)
            if answer.status == .created, let receipt = Fixtures.object(answer.body)["receipt"] as? String {
                acknowledged.append(receipt)
            } else {
                XCTAssertEqual(answer.status, .serviceUnavailable)
                XCTAssertEqual(Fixtures.errorCode(answer.body), "unavailable")
                full = true
            }
        }
        XCTAssertTrue(full, "96 KiB took 2000 submissions")
        XCTAssertGreaterThan(acknowledged.count, 0, "the room left took some submissions before the disk was full")

        let health = try await client.get("/healthz")
        XCTAssertEqual(health.status, .serviceUnavailable)
        XCTAssertEqual(Fixtures.object(health.body)["reason"] as? String, "write")
        let metrics = try await client.get("/metrics")
        let text = metrics.body.map { String(buffer: $0) } ?? ""
        XCTAssertTrue(text.contains("collector_storage_failed{reason=\"write\"} 1\n"), text)

        // Space again, as when the operator deletes a file: still nothing is acknowledged before a restart.
        try FileManager.default.removeItem(atPath: filler)
        var late: [String] = []
        for index in 10_000..<10_003 {
            let answer = try await submit(index)
            XCTAssertEqual(answer.status, .serviceUnavailable, "submission \(index), after space was freed")
            if let receipt = Fixtures.object(answer.body)["receipt"] as? String { late.append(receipt) }
        }
        let stillFailed = try await client.get("/healthz")
        XCTAssertEqual(stillFailed.status, .serviceUnavailable)
        try await client.shutdown()
        collector.kill(SIGTERM)
        XCTAssertNotNil(collector.wait())

        let stored = try receiptsAfterACrash(db)
        XCTAssertEqual(acknowledged.filter { !stored.contains($0) }, [], "acknowledged before the disk was full, and lost")
        XCTAssertEqual(late, [], "acknowledged after the disk was full")
    }
}
