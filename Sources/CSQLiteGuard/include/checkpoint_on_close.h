#ifndef COLLECTOR_CHECKPOINT_ON_CLOSE_H
#define COLLECTOR_CHECKPOINT_ON_CLOSE_H

typedef struct sqlite3 sqlite3;

/// Stops SQLite from checkpointing the WAL into the database file (and deleting it) when `db`, the last connection
/// to its file, closes: a checkpoint whose result nobody reads. Returns SQLITE_OK or an SQLite error code.
int collector_sqlite_no_checkpoint_on_close(sqlite3 *db);

#endif
