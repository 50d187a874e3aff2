import Foundation

/// Makes committed batches durable, then answers them: the writer commits with `synchronous=NORMAL` (its COMMIT
/// writes the WAL but does not wait for the disk) and goes on with the next batch while this thread runs
/// `fdatasync` on the WAL, so one batch's inserts overlap the previous batch's wait for the disk.
///
/// The guarantee is `synchronous=FULL`'s: an answer leaves only after a sync that began after its batch's COMMIT
/// returned, and readers see rows only once they are synced (`DurableRows`). SQLite itself still syncs around
/// checkpoints and when the WAL starts over, as `NORMAL` does, so the file stays consistent whatever happens. A
/// failed sync latches `StorageLatch`: nothing more is written or acknowledged until the collector is restarted,
/// and the store copies the whole WAL into the file and syncs it before serving again.
///
/// The file synced is the one SQLite writes: its WAL's name comes from SQLite, which resolves a symbolic link to
/// the database (its WAL lies beside the link's target), and its device and inode must be those of the WAL SQLite
/// opened. Named after the link, a stale `-wal` beside it was synced instead, and answers went out for rows a power
/// cut could erase.
final class WALSync: @unchecked Sendable {
    /// Why the WAL cannot be synced at all: the store does not open.
    struct StartError: Error, CustomStringConvertible {
        let description: String

        init(_ description: String) { self.description = description }
    }

    private let descriptor: Int32
    private let walPath: String
    private let latch: StorageLatch
    private let sync: @Sendable (Int32) -> Int32
    private let onTurn: @Sendable () -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiting: [(StorageFailure?) -> Void] = []
    private var stopping = false
    private var stopped = false

    /// Opens the WAL of `connection` (opened with `gatherWALWrites`; SQLite has opened its WAL by the time the schema
    /// is read) and makes it, its name and what it already holds (a new file's schema) durable before any answer
    /// depends on them. `sync`: `fdatasync`, or a stand-in for tests. `onTurn`: called each time the batches handed
    /// over so far are being synced, so the writer may commit its next one.
    init(connection: SQLiteConnection, latch: StorageLatch, sync: @escaping @Sendable (Int32) -> Int32,
         onTurn: @escaping @Sendable () -> Void) throws {
        let walPath = connection.walFilename
        self.walPath = walPath
        self.latch = latch
        self.sync = sync
        self.onTurn = onTurn
        guard let sqlites = connection.walIdentity else {
            throw StartError("\(walPath): SQLite has no WAL open to sync; check that the database is in WAL mode")
        }
        // Checked on a local descriptor, closed on each refusal: `self` owns one only once nothing can fail.
        let file = open(walPath, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
        guard file >= 0 else {
            throw StartError("\(walPath): cannot open the WAL to sync it: \(String(cString: strerror(errno)))")
        }
        var opened = stat()
        guard fstat(file, &opened) == 0, UInt64(opened.st_dev) == sqlites.device, UInt64(opened.st_ino) == sqlites.inode else {
            close(file)
            throw StartError("\(walPath): not the WAL SQLite writes (it was replaced after SQLite opened it); "
                             + "stop whatever else uses the database, then start the collector again")
        }
        guard sync(file) == 0 else {
            let reason = String(cString: strerror(errno))
            close(file)
            throw StartError("\(walPath): cannot sync the WAL to disk: \(reason); check the disk")
        }
        let folder = (walPath as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        guard directory >= 0, fsync(directory) == 0 else {
            let reason = String(cString: strerror(errno))
            if directory >= 0 { close(directory) }
            close(file)
            throw StartError("\(folder): cannot sync the folder that holds the WAL: \(reason); check the disk")
        }
        close(directory)
        descriptor = file
        let thread = Thread { [self] in run() }
        thread.start()
    }

    deinit { close(descriptor) }

    /// Calls `deliver` once everything committed before this call is on disk (nil), or with the reason it may not be.
    func afterSync(_ deliver: @escaping (StorageFailure?) -> Void) {
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
            condition.unlock()
            onTurn()
            if latch.failure == nil, sync(descriptor) != 0 {
                latch.trip(StorageFailure(.walSync, file: walPath, "the WAL could not be synced to disk (\(String(cString: strerror(errno))))"))
            }
            // Whatever latched, even elsewhere during this sync, answers these batches: nothing is acknowledged after it.
            let outcome = latch.failure
            batches.forEach { $0(outcome) }
        }
    }
}
