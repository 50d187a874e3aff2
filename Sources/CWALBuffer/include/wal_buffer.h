#ifndef COLLECTOR_WAL_BUFFER_H
#define COLLECTOR_WAL_BUFFER_H

/// Registers (once) the SQLite VFS named `collector-wal-buffer` and returns SQLITE_OK or an SQLite error code.
///
/// It is the default VFS except for a writer's WAL file: SQLite writes each WAL frame as two writes (its 24-byte
/// header, then the page), each of them a system call touching two or three pages of the kernel's cache; this
/// VFS gathers the frames one transaction appends and writes them with one call when its commit frame is complete
/// (one per 128 KiB, the most the default VFS writes at once), so that a commit of n pages costs one write instead
/// of 2n. Everything else passes through unchanged.
int collector_wal_buffer_register(void);

typedef struct sqlite3 sqlite3;

/// The writes SQLite made to a database's WAL through this VFS, and those that reached the file.
typedef struct {
    long long sqliteWrites;
    long long fileWrites;
} CollectorWALWrites;

/// Fills `counts` for the WAL of `db`'s main database; SQLITE_NOTFOUND if `db` was not opened through this VFS.
int collector_wal_buffer_counts(sqlite3 *db, CollectorWALWrites *counts);

/// The device and inode of a file.
typedef struct {
    unsigned long long device;
    unsigned long long inode;
} CollectorFileIdentity;

/// Fills `identity` with the device and inode of the WAL that `db`'s main database has open, taken when SQLite
/// opened it; SQLITE_NOTFOUND if `db` was not opened through this VFS or has no WAL open.
int collector_wal_buffer_wal_identity(sqlite3 *db, CollectorFileIdentity *identity);

#endif
