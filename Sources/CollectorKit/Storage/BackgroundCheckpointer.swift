import Foundation

/// Copies the WAL into the database file on a thread and connection of its own, beside the writer.
///
/// Done by the writer, a checkpoint under load took about 9 ms per thousand rows (the copy and the database
/// file's fsync), a pause every waiting request sat out. Done here alone it never lets the WAL start over, as the
/// writer appends while it copies; so the writer, once told this one finished, copies the short rest itself
/// between two batches, and its next commit starts the WAL from the beginning.
///
/// Each checkpoint's and each sync's result feeds `StorageLatch`; once it has latched, this copies nothing more.
final class BackgroundCheckpointer: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var requested = false
    private var running = false
    private var finished = false
    private var stopping = false
    private var stopped = false

    private let connection: SQLiteConnection
    private let latch: StorageLatch
    private let disk: StorageDisk

    init(path: String, latch: StorageLatch, disk: StorageDisk) throws {
        self.latch = latch
        self.disk = disk
        connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA synchronous = FULL")
        try connection.neverCheckpointOnClose()
        let thread = Thread { [self] in self.run() }
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

    /// Copies the WAL, then what the writer appended meanwhile, pass after pass while that rest is large, and
    /// syncs the database file.
    ///
    /// SQLite syncs the file only after a checkpoint that reaches the end of the WAL, which under load only the
    /// writer's own last copy does: that sync then wrote every page copied here (about 70 MB), a pause of 5 to
    /// 30 ms every request sat out. Synced here, the writer's sync covers only the few pages it copies itself.
    /// A failure here is as final as any: Linux reports a failed write-back once, so SQLite's own sync after the
    /// writer's copy would succeed over pages the disk never took, and the WAL that still holds them would start over.
    private func catchUp() {
        guard latch.failure == nil else { return }
        let file = connection.filename
        var frames: Int32 = 0
        var copied: Int32 = 0
        for _ in 0..<Self.maxPasses {
            guard latch.checkpointed(disk.checkpoint(connection, &frames, &copied), file: file) else { return }
            if frames - copied <= Self.restForWriter || condition.withLock({ stopping }) { break }
        }
        _ = latch.synced(disk.syncDatabaseFile(connection), file: file)
    }

    /// Frames left for the writer to copy itself.
    private static let restForWriter: Int32 = 256
    /// Each pass copies what the writer appended during the one before; under a load the disk cannot keep up
    /// with, the rest stops shrinking and the writer copies it anyway.
    private static let maxPasses = 4

    private func run() {
        nameCurrentThread("db-checkpoint")
        condition.lock()
        while true {
            while !requested && !stopping { condition.wait() }
            if stopping { break }
            requested = false
            running = true
            condition.unlock()
            catchUp()
            condition.lock()
            running = false
            finished = true
        }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
