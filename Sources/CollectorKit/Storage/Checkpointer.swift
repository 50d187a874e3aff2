import CSQLite
import Foundation

/// Copies the WAL back into the database file from its own thread and connection, about once per interval.
///
/// SQLite would otherwise checkpoint inside the writer's commits, and each checkpoint's fsync of the main
/// file would stall every request waiting on that batch. A passive checkpoint never blocks the writer.
final class Checkpointer: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var stopping = false
    private var finished = false

    private let connection: SQLiteConnection
    private let interval: TimeInterval

    init(path: String, interval: TimeInterval) throws {
        connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA synchronous = FULL")
        self.interval = interval
        let thread = Thread { [self] in self.run() }
        thread.name = "collector-checkpoint"
        thread.start()
    }

    /// Stops the thread after one last checkpoint.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while !stopping {
            _ = condition.wait(until: Date().addingTimeInterval(interval))
            condition.unlock()
            sqlite3_wal_checkpoint_v2(connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            condition.lock()
        }
        finished = true
        condition.signal()
        condition.unlock()
    }
}
