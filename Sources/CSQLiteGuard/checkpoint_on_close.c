#include "checkpoint_on_close.h"

#include "sqlite_nio_sqlite3.h"

/* sqlite3_db_config is variadic, which Swift cannot call. */
int collector_sqlite_no_checkpoint_on_close(sqlite3 *db) {
    int applied = 0;
    int status = sqlite_nio_sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &applied);
    if (status != SQLITE_OK) return status;
    return applied == 1 ? SQLITE_OK : SQLITE_ERROR;
}
