@testable import CollectorKit
import Foundation
import Logging
import XCTest

final class StorageFailureLogTests: XCTestCase {
    private struct DiskFull: Error, CustomStringConvertible {
        var description: String { "SQLite error 13: database or disk is full" }
    }

    func testAtMostOneLineASecondWithWhatWasRefusedSinceTheLast() {
        let lines = CapturedLines()
        let clock = UptimeClock()
        let log = StorageFailureLog(logger: Logger(label: "test", factory: { _ in CapturingHandler(lines: lines) }),
                                    uptimeNanoseconds: { clock.now })
        log.record(3, DiskFull())
        clock.advance(milliseconds: 400)
        log.record(5, DiskFull())
        log.record(2, DiskFull())
        XCTAssertEqual(lines.all.count, 1, "one line within the second")
        clock.advance(milliseconds: 700)
        log.record(1, DiskFull())
        XCTAssertEqual(lines.all, [
            "error could not store submissions; 3 answered 503 (unavailable) since the last such line error=SQLite error 13: database or disk is full",
            "error could not store submissions; 8 answered 503 (unavailable) since the last such line error=SQLite error 13: database or disk is full",
        ])
    }
}

private final class UptimeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var nanoseconds: UInt64 = 5_000_000_000

    var now: UInt64 { lock.withLock { nanoseconds } }
    func advance(milliseconds: UInt64) { lock.withLock { nanoseconds += milliseconds * 1_000_000 } }
}

private final class CapturedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] { lock.withLock { lines } }
    func append(_ line: String) { lock.withLock { lines.append(line) } }
}

/// Each log call as one line: level, message, metadata.
private struct CapturingHandler: LogHandler {
    let lines: CapturedLines
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.append(([event.level.rawValue, event.message.description] + fields).joined(separator: " "))
    }
}
