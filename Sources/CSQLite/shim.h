#include <sqlite3.h>

/// sqlite3_config is variadic, which Swift cannot call: turns off SQLite's allocation statistics (a global
/// mutex around every allocation). Only takes effect before SQLite's first use.
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
