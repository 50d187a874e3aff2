@testable import CollectorKit
import Foundation
import VaporCSQLite

/// A disk that fails one call when told to, as Linux reports a failed write-back: once, the same call succeeding
/// again afterwards. Every call goes to the real file otherwise.
final class FailingDisk: @unchecked Sendable {
    /// The call to fail: the WAL's sync, a checkpoint made on the thread of that name, the database file's sync.
    enum Call: Equatable {
        case walSync
        case checkpoint(thread: String)
        case databaseSync
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var armed: Call?
    private var failures = 0
    private var checkpointCalls = 0

    /// Fails the next `call`, once.
    func failOnce(_ call: Call) { lock.withLock { armed = call } }

    /// How many calls have failed.
    var failed: Int { lock.withLock { failures } }

    /// How many checkpoints were asked for, failed or not.
    var checkpoints: Int { lock.withLock { checkpointCalls } }

    var disk: StorageDisk {
        StorageDisk(
            syncWAL: { [self] descriptor in
                guard fails(.walSync) else { return fdatasync(descriptor) }
                errno = EIO
                return -1
            },
            checkpoint: { [self] connection, frames, copied in
                lock.withLock { checkpointCalls += 1 }
                return fails(.checkpoint(thread: Self.threadName)) ? SQLITE_IOERR : connection.checkpoint(frames: &frames, copied: &copied)
            },
            syncDatabaseFile: { [self] connection in
                fails(.databaseSync) ? SQLITE_IOERR : connection.syncDatabaseFile()
            }
        )
    }

    private func fails(_ call: Call) -> Bool {
        lock.withLock {
            guard armed == call else { return false }
            armed = nil
            failures += 1
            return true
        }
    }

    /// The calling thread's name as the kernel keeps it (`nameCurrentThread`).
    private static var threadName: String {
        ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .newlines)
    }
}
