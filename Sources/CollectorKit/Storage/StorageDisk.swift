import Foundation

/// The store's calls whose results decide what is durable: the WAL's sync, checkpoints and the database file's
/// sync. Tests replace them to make a disk fail where no real one can be made to.
struct StorageDisk: Sendable {
    /// Syncs the WAL's descriptor: 0, or -1 with `errno` set.
    var syncWAL: @Sendable (Int32) -> Int32 = { fdatasync($0) }
    /// A passive checkpoint on a connection: SQLite's result code, with the WAL's frames and those copied.
    var checkpoint: @Sendable (SQLiteConnection, inout Int32, inout Int32) -> Int32 = { $0.checkpoint(frames: &$1, copied: &$2) }
    /// Syncs a connection's database file through SQLite's handle on it: SQLite's result code.
    var syncDatabaseFile: @Sendable (SQLiteConnection) -> Int32 = { $0.syncDatabaseFile() }
}
