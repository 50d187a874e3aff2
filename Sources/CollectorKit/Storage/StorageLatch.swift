import Foundation
import VaporCSQLite

/// The store's one verdict on its disk, fed by every sync, write and checkpoint: the first failure latches it, and
/// from then on nothing is written, checkpointed or acknowledged.
///
/// It never clears. Linux reports a failed write-back once per open file and may drop the pages it could not write,
/// so a later sync or checkpoint that succeeds proves nothing about what was lost; a checkpoint after one would
/// start the WAL over, erasing the only copy of rows already acknowledged. Only a restart, once the operator has
/// checked the disk, may resume: the store then copies the WAL into the file and syncs it before serving.
final class StorageLatch: @unchecked Sendable {
    /// SQLite's result codes that say the disk failed (any extended code of theirs too); the others (a constraint,
    /// a busy lock) leave the disk trusted.
    private static let diskCodes: Set<Int32> = [SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN]

    private let lock = NSLock()
    // Guarded by `lock`.
    private var first: StorageFailure?

    /// The failure that latched, if one has.
    var failure: StorageFailure? { lock.withLock { first } }

    /// Latches `failure` unless an earlier one has; returns the one in force.
    @discardableResult
    func trip(_ failure: StorageFailure) -> StorageFailure {
        lock.withLock {
            if first == nil { first = failure }
            return first ?? failure
        }
    }

    /// What to answer for records a write to `file` failed with `error`: the latched failure when the disk failed,
    /// else `error` itself.
    func written(_ error: any Error, file: String) -> any Error {
        guard let error = error as? SQLiteError, Self.diskCodes.contains(error.code & 0xff) else { return error }
        return trip(StorageFailure(.write, file: file, "SQLite could not write (\(error))"))
    }

    /// Takes a checkpoint's result code; true when it copied what it could. SQLITE_BUSY (another checkpoint held
    /// the lock, so nothing was tried) is no failure.
    func checkpointed(_ status: Int32, file: String) -> Bool {
        switch status & 0xff {
        case SQLITE_OK: return true
        case SQLITE_BUSY, SQLITE_LOCKED: return false
        default:
            trip(StorageFailure(.checkpoint, file: file, "the checkpoint failed (\(Self.text(status)))"))
            return false
        }
    }

    /// Takes the database file's sync's result code; true when it succeeded.
    func synced(_ status: Int32, file: String) -> Bool {
        guard status != SQLITE_OK else { return true }
        trip(StorageFailure(.databaseSync, file: file, "the database file could not be synced to disk (\(Self.text(status)))"))
        return false
    }

    private static func text(_ status: Int32) -> String {
        "SQLite error \(status): " + String(cString: sqlite_nio_sqlite3_errstr(status))
    }
}
