import CSQLite
import Foundation

/// Copies the WAL into the database file on a thread and connection of its own, beside the writer.
///
/// Done by the writer, a checkpoint under load took about 9 ms per thousand rows (the copy and the database
/// file's fsync), a pause every waiting request sat out. Done here alone it never lets the WAL start over, as the
/// writer appends while it copies; so the writer, once told this one finished, copies the short rest itself
/// between two batches, and its next commit starts the WAL from the beginning.
final class BackgroundCheckpointer: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var requested = false
    private var running = false
    private var finished = false
    private var stopping = false
    private var stopped = false

    private let connection: SQLiteConnection

    init(path: String) throws {
        connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA synchronous = FULL")
        let thread = Thread { [self] in self.run() }
        thread.name = "collector-checkpoint"
        thread.start()
    }

    /// Starts a checkpoint unless one is running or finished unclaimed.
    func request() {
        condition.lock()
        defer { condition.unlock() }
        guard !running, !finished, !stopping else { return }
        requested = true
        condition.broadcast()
    }

    /// Whether a checkpoint finished since the last call (the writer then copies what was appended meanwhile).
    func claimFinished() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let done = finished
        finished = false
        return done
    }

    /// Waits for a running checkpoint, then ends the thread; the writer's own last checkpoint follows.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
    }

    private func run() {
        condition.lock()
        while true {
            while !requested && !stopping { condition.wait() }
            if stopping { break }
            requested = false
            running = true
            condition.unlock()
            sqlite3_wal_checkpoint_v2(connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            condition.lock()
            running = false
            finished = true
        }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
