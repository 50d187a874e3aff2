import Foundation

/// Makes committed batches durable, then answers them: the writer commits with `synchronous=NORMAL` (its COMMIT
/// writes the WAL but does not wait for the disk) and goes on with the next batch while this thread runs
/// `fdatasync` on the WAL, so one batch's inserts overlap the previous batch's wait for the disk.
///
/// The guarantee is `synchronous=FULL`'s: an answer leaves only after a sync that began after its batch's COMMIT
/// returned, and readers see rows only once they are synced (`DurableRows`). SQLite itself still syncs around
/// checkpoints and when the WAL starts over, as `NORMAL` does, so the file stays consistent whatever happens. A
/// failed sync is final: nothing more is written or acknowledged until the collector is restarted, and the store
/// copies the whole WAL into the file and syncs it before serving again.
final class WALSync: @unchecked Sendable {
    /// The file could not be synced; nothing committed since the last good sync is acknowledged.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let descriptor: Int32
    private let sync: @Sendable (Int32) -> Int32
    private let onTurn: @Sendable () -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiting: [(Failure?) -> Void] = []
    private var failed: Failure?
    private var stopping = false
    private var stopped = false

    /// Opens the WAL of the database at `path` (SQLite has created it by the time the schema is read) and makes
    /// it, its name and what it already holds (a new file's schema) durable before any answer depends on them.
    /// `sync`: `fdatasync`, or a stand-in for tests. `onTurn`: called each time the batches handed over so far
    /// are being synced, so the writer may commit its next one.
    init(databasePath path: String, sync: @escaping @Sendable (Int32) -> Int32, onTurn: @escaping @Sendable () -> Void) throws {
        let walPath = path + "-wal"
        self.sync = sync
        self.onTurn = onTurn
        descriptor = open(walPath, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "\(walPath): cannot open the WAL to sync it: \(String(cString: strerror(errno)))") }
        guard sync(descriptor) == 0 else {
            close(descriptor)
            throw Failure(description: "\(walPath): cannot sync the WAL to disk: \(String(cString: strerror(errno)))")
        }
        let folder = (walPath as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        let thread = Thread { [self] in run() }
        thread.start()
    }

    deinit { close(descriptor) }

    /// Why syncing failed, once it has: from then on nothing is acknowledged.
    var failure: Failure? { condition.withLock { failed } }

    /// Calls `deliver` once everything committed before this call is on disk (nil), or with the reason it may not be.
    func afterSync(_ deliver: @escaping (Failure?) -> Void) {
        condition.lock()
        waiting.append(deliver)
        condition.broadcast()
        condition.unlock()
    }

    /// Returns once every batch handed over so far has been synced and delivered.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    private func run() {
        nameCurrentThread("db-wal-sync")
        while true {
            condition.lock()
            while waiting.isEmpty && !stopping { condition.wait() }
            if waiting.isEmpty {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batches = waiting
            waiting = []
            var outcome = failed
            condition.unlock()
            onTurn()
            if outcome == nil, sync(descriptor) != 0 {
                let failed = Failure(description: "the WAL could not be synced to disk: \(String(cString: strerror(errno))); restart the collector")
                condition.lock()
                self.failed = failed
                condition.unlock()
                outcome = failed
            }
            batches.forEach { $0(outcome) }
        }
    }
}
