/// Why the store stopped acknowledging submissions: the first sync, write or checkpoint that failed.
public struct StorageFailure: Error, CustomStringConvertible, Sendable {
    /// Which of the store's calls to the disk failed: the label `/metrics` and `/healthz` give it.
    public enum Reason: String, CaseIterable, Sendable {
        /// The WAL's `fdatasync`, which every acknowledgement waits for.
        case walSync = "wal_sync"
        /// A write SQLite made for the writer: a commit, or an insert that spilled pages.
        case write
        /// A checkpoint: the WAL copied into the database file, with SQLite's own syncs around it.
        case checkpoint
        /// The database file's sync after a checkpoint.
        case databaseSync = "database_sync"
    }

    public let reason: Reason
    /// The file, what failed and what the operator does next.
    public let description: String

    init(_ reason: Reason, file: String, _ what: String) {
        self.reason = reason
        description = "\(file): \(what); nothing more is acknowledged: check the disk (free space, the kernel log), then restart the collector"
    }
}
