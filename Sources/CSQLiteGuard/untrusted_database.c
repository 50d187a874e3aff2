#include "untrusted_database.h"

#include "sqlite_nio_sqlite3.h"

/* sqlite3_db_config is variadic, which Swift cannot call: each setting goes through here. */
static int set_flag(sqlite3 *db, int option, int value) {
    int applied = -1;
    int status = sqlite_nio_sqlite3_db_config(db, option, value, &applied);
    if (status != SQLITE_OK) return status;
    return applied == value ? SQLITE_OK : SQLITE_ERROR;
}

int collector_sqlite_distrust(sqlite3 *db, int max_value_bytes) {
    const int settings[][2] = {
        {SQLITE_DBCONFIG_DEFENSIVE, 1},
        {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0},
        {SQLITE_DBCONFIG_ENABLE_TRIGGER, 0},
        {SQLITE_DBCONFIG_ENABLE_VIEW, 0},
        {SQLITE_DBCONFIG_DQS_DDL, 0},
        {SQLITE_DBCONFIG_DQS_DML, 0},
        {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0},
    };
    for (unsigned i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        int status = set_flag(db, settings[i][0], settings[i][1]);
        if (status != SQLITE_OK) return status;
    }
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_LENGTH, max_value_bytes);
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 100);
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 100);
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 3);
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_VDBE_OP, 25000);
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 8);
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 50);
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, 32);
    sqlite_nio_sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 10);
    return SQLITE_OK;
}
