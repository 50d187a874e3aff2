#ifndef COLLECTOR_UNTRUSTED_DATABASE_H
#define COLLECTOR_UNTRUSTED_DATABASE_H

typedef struct sqlite3 sqlite3;

/// Makes `db` safe to point at a file someone else wrote (SQLite's "Defense Against The Dark Arts"): defensive
/// mode, no trust in functions named by the schema, no triggers or views run, no double-quoted strings taken as
/// identifiers, and a cap on the size of any one value so a crafted row cannot exhaust memory.
/// Returns SQLITE_OK, or the first SQLite error code a setting gave.
int collector_sqlite_distrust(sqlite3 *db, int max_value_bytes);

#endif
