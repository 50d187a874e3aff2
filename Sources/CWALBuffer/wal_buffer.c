#include "wal_buffer.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sqlite_nio_sqlite3.h"

#define WB_VFS_NAME "collector-wal-buffer"
#define WB_FRAME_HEADER 24
#define WB_WAL_HEADER 32
/* A transaction larger than this (a cache spill) writes in pieces of about this size. */
#define WB_FLUSH_AT (1 << 20)
/* The default VFS writes at most this much per call (it masks larger sizes). */
#define WB_MAX_WRITE 0x1ffff
/* A file-control opcode of this VFS's own (SQLite leaves those above 100 to VFSes). */
#define WB_FCNTL_COUNTS 0x43574200
#define WB_FCNTL_WAL_IDENTITY 0x43574201

typedef struct WBFile WBFile;

/* A file opened through the VFS: the default VFS's file follows this header in the same allocation. */
struct WBFile {
    sqlite3_file base;
    sqlite3_file *real;
    /* Main database files: the name SQLite opened it by, the WAL its connection opened, the next open database. */
    const char *name;
    WBFile *wal;
    WBFile *nextDatabase;
    /* WAL files whose database is known (only those gather writes): the database, and the bytes gathered. */
    WBFile *database;
    unsigned char *gathered;
    int length, capacity;
    sqlite3_int64 start;
    /* Where the next frame of the stream SQLite appends goes; -1 until known. A write before it rewrites a frame
       of the current transaction in place (after a cache spill) and goes straight to the file. */
    sqlite3_int64 end;
    /* The commit frame's header is gathered: its page completes the transaction's frames. */
    int commitPending;
    /* Main database files: writes SQLite made to its WAL, and writes that reached the WAL file. */
    CollectorWALWrites counts;
    /* WAL files whose database is known: the file SQLite opened, as it was when opened (identityKnown). */
    CollectorFileIdentity identity;
    int identityKnown;
};

static sqlite3_vfs vfs;
static sqlite3_vfs *parent;
static pthread_mutex_t registry = PTHREAD_MUTEX_INITIALIZER;
static WBFile *openDatabases;

static unsigned int bigEndian32(const unsigned char *p) {
    return ((unsigned int)p[0] << 24) | ((unsigned int)p[1] << 16) | ((unsigned int)p[2] << 8) | p[3];
}

static int writeThrough(WBFile *p, const void *data, int amount, sqlite3_int64 offset) {
    if (p->database) p->database->counts.fileWrites++;
    return p->real->pMethods->xWrite(p->real, data, amount, offset);
}

/* Writes what is gathered. On failure the bytes are dropped with the transaction SQLite then abandons, and the
   stream's position is forgotten: SQLite writes those frames again, from where its last commit ended. */
static int flush(WBFile *p) {
    int rc = SQLITE_OK;
    for (int done = 0; done < p->length && rc == SQLITE_OK; done += WB_MAX_WRITE) {
        int amount = p->length - done < WB_MAX_WRITE ? p->length - done : WB_MAX_WRITE;
        rc = writeThrough(p, p->gathered + done, amount, p->start + done);
    }
    p->length = 0;
    p->commitPending = 0;
    if (rc != SQLITE_OK) p->end = -1;
    return rc;
}

static int gather(WBFile *p, const void *data, int amount, sqlite3_int64 offset) {
    if (p->length + amount > p->capacity) {
        int capacity = p->capacity ? p->capacity : 64 * 1024;
        while (capacity < p->length + amount) capacity *= 2;
        unsigned char *grown = realloc(p->gathered, (size_t)capacity);
        if (!grown) {
            int rc = flush(p);
            return rc != SQLITE_OK ? rc : writeThrough(p, data, amount, offset);
        }
        p->gathered = grown;
        p->capacity = capacity;
    }
    if (p->length == 0) p->start = offset;
    memcpy(p->gathered + p->length, data, (size_t)amount);
    p->length += amount;
    return SQLITE_OK;
}

static int walWrite(WBFile *p, const void *data, int amount, sqlite3_int64 offset) {
    p->database->counts.sqliteWrites++;
    /* A WAL header at the start: the log starts over, and a new stream of frames with it. */
    if (offset == 0 && amount == WB_WAL_HEADER) {
        int rc = flush(p);
        if (rc != SQLITE_OK) return rc;
        p->end = 0;
    }
    if (p->end >= 0 && offset != p->end) {
        int rc = flush(p);
        if (rc != SQLITE_OK) return rc;
        if (offset > p->end) p->end = offset + amount;
        return writeThrough(p, data, amount, offset);
    }
    int rc = gather(p, data, amount, offset);
    if (rc != SQLITE_OK) return rc;
    p->end = offset + amount;
    if (p->commitPending) return flush(p);
    if (amount == WB_FRAME_HEADER && bigEndian32((const unsigned char *)data + 4) != 0) p->commitPending = 1;
    if (p->length >= WB_FLUSH_AT) return flush(p);
    return SQLITE_OK;
}

static int wbClose(sqlite3_file *file) {
    WBFile *p = (WBFile *)file;
    int rc = flush(p);
    pthread_mutex_lock(&registry);
    if (p->database) p->database->wal = NULL;
    if (p->name) {
        for (WBFile **link = &openDatabases; *link; link = &(*link)->nextDatabase) {
            if (*link == p) {
                *link = p->nextDatabase;
                break;
            }
        }
        if (p->wal) p->wal->database = NULL;
    }
    pthread_mutex_unlock(&registry);
    free(p->gathered);
    int closed = p->real->pMethods->xClose(p->real);
    return rc != SQLITE_OK ? rc : closed;
}

static int wbRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset) {
    WBFile *p = (WBFile *)file;
    if (p->length > 0 && offset < p->start + p->length && offset + amount > p->start) {
        int rc = flush(p);
        if (rc != SQLITE_OK) return rc;
    }
    return p->real->pMethods->xRead(p->real, data, amount, offset);
}

static int wbWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset) {
    WBFile *p = (WBFile *)file;
    if (p->database) return walWrite(p, data, amount, offset);
    return p->real->pMethods->xWrite(p->real, data, amount, offset);
}

static int wbTruncate(sqlite3_file *file, sqlite3_int64 size) {
    WBFile *p = (WBFile *)file;
    int rc = flush(p);
    if (rc != SQLITE_OK) return rc;
    p->end = -1;
    return p->real->pMethods->xTruncate(p->real, size);
}

static int wbSync(sqlite3_file *file, int flags) {
    WBFile *p = (WBFile *)file;
    int rc = flush(p);
    return rc != SQLITE_OK ? rc : p->real->pMethods->xSync(p->real, flags);
}

static int wbFileSize(sqlite3_file *file, sqlite3_int64 *size) {
    WBFile *p = (WBFile *)file;
    int rc = flush(p);
    return rc != SQLITE_OK ? rc : p->real->pMethods->xFileSize(p->real, size);
}

static int wbLock(sqlite3_file *file, int level) {
    WBFile *p = (WBFile *)file;
    return p->real->pMethods->xLock(p->real, level);
}

static int wbUnlock(sqlite3_file *file, int level) {
    WBFile *p = (WBFile *)file;
    return p->real->pMethods->xUnlock(p->real, level);
}

static int wbCheckReservedLock(sqlite3_file *file, int *result) {
    WBFile *p = (WBFile *)file;
    return p->real->pMethods->xCheckReservedLock(p->real, result);
}

static int wbFileControl(sqlite3_file *file, int op, void *argument) {
    WBFile *p = (WBFile *)file;
    if (op == WB_FCNTL_COUNTS && p->name) {
        *(CollectorWALWrites *)argument = p->counts;
        return SQLITE_OK;
    }
    if (op == WB_FCNTL_WAL_IDENTITY && p->name) {
        pthread_mutex_lock(&registry);
        int known = p->wal && p->wal->identityKnown;
        if (known) *(CollectorFileIdentity *)argument = p->wal->identity;
        pthread_mutex_unlock(&registry);
        return known ? SQLITE_OK : SQLITE_NOTFOUND;
    }
    int rc = flush(p);
    return rc != SQLITE_OK ? rc : p->real->pMethods->xFileControl(p->real, op, argument);
}

static int wbSectorSize(sqlite3_file *file) {
    WBFile *p = (WBFile *)file;
    return p->real->pMethods->xSectorSize(p->real);
}

static int wbDeviceCharacteristics(sqlite3_file *file) {
    WBFile *p = (WBFile *)file;
    return p->real->pMethods->xDeviceCharacteristics(p->real);
}

static int wbShmMap(sqlite3_file *file, int page, int pageSize, int extend, void volatile **memory) {
    WBFile *p = (WBFile *)file;
    return p->real->pMethods->xShmMap(p->real, page, pageSize, extend, memory);
}

static int wbShmLock(sqlite3_file *file, int offset, int n, int flags) {
    WBFile *p = (WBFile *)file;
    return p->real->pMethods->xShmLock(p->real, offset, n, flags);
}

/* SQLite calls this on the database file between its two copies of a new WAL-index header, that is, before
   any other connection can learn of the frames just written: they must be in the file by then. They always are
   (the commit frame's page flushes them, and an error there fails the commit); should a later SQLite write its
   frames differently, they are written here, and if that fails the process stops rather than let a reader or a
   checkpoint take frames the file does not hold. */
static void wbShmBarrier(sqlite3_file *file) {
    WBFile *p = (WBFile *)file;
    if (p->wal && p->wal->length > 0 && flush(p->wal) != SQLITE_OK) {
        fprintf(stderr, "collector: the WAL of %s could not be written; stopping before anything reads it\n", p->name);
        abort();
    }
    p->real->pMethods->xShmBarrier(p->real);
}

static int wbShmUnmap(sqlite3_file *file, int deleteFlag) {
    WBFile *p = (WBFile *)file;
    return p->real->pMethods->xShmUnmap(p->real, deleteFlag);
}

static int wbFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **pointer) {
    WBFile *p = (WBFile *)file;
    int rc = flush(p);
    return rc != SQLITE_OK ? rc : p->real->pMethods->xFetch(p->real, offset, amount, pointer);
}

static int wbUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *pointer) {
    WBFile *p = (WBFile *)file;
    return p->real->pMethods->xUnfetch(p->real, offset, pointer);
}

static const sqlite3_io_methods methods = {
    3, wbClose, wbRead, wbWrite, wbTruncate, wbSync, wbFileSize, wbLock, wbUnlock, wbCheckReservedLock,
    wbFileControl, wbSectorSize, wbDeviceCharacteristics, wbShmMap, wbShmLock, wbShmBarrier, wbShmUnmap,
    wbFetch, wbUnfetch,
};

static int wbOpen(sqlite3_vfs *self, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags) {
    (void)self;
    WBFile *p = (WBFile *)file;
    memset(p, 0, sizeof(*p));
    p->real = (sqlite3_file *)&p[1];
    p->end = -1;
    int rc = parent->xOpen(parent, name, p->real, flags, outFlags);
    if (rc != SQLITE_OK) return rc;
    /* The default VFS's files are version 3; a wrapper must not offer what the file under it lacks. */
    if (p->real->pMethods->iVersion < 3) {
        p->real->pMethods->xClose(p->real);
        return SQLITE_CANTOPEN;
    }
    p->base.pMethods = &methods;
    pthread_mutex_lock(&registry);
    if ((flags & SQLITE_OPEN_MAIN_DB) && name) {
        p->name = name;
        p->nextDatabase = openDatabases;
        openDatabases = p;
    } else if ((flags & SQLITE_OPEN_WAL) && name) {
        const char *databaseName = sqlite_nio_sqlite3_filename_database(name);
        for (WBFile *database = openDatabases; database && databaseName; database = database->nextDatabase) {
            if (!database->wal && strcmp(database->name, databaseName) == 0) {
                database->wal = p;
                p->database = database;
                /* The default VFS keeps its descriptor to itself; it opened this name with O_NOFOLLOW just
                   now, so the name gives that file's identity, which whoever syncs the WAL compares with theirs. */
                struct stat status;
                if (lstat(name, &status) == 0) {
                    p->identity.device = (unsigned long long)status.st_dev;
                    p->identity.inode = (unsigned long long)status.st_ino;
                    p->identityKnown = 1;
                }
                break;
            }
        }
    }
    pthread_mutex_unlock(&registry);
    return SQLITE_OK;
}

static int wbDelete(sqlite3_vfs *self, const char *name, int syncDir) {
    (void)self;
    return parent->xDelete(parent, name, syncDir);
}

static int wbAccess(sqlite3_vfs *self, const char *name, int flags, int *result) {
    (void)self;
    return parent->xAccess(parent, name, flags, result);
}

static int wbFullPathname(sqlite3_vfs *self, const char *name, int size, char *out) {
    (void)self;
    return parent->xFullPathname(parent, name, size, out);
}

static void *wbDlOpen(sqlite3_vfs *self, const char *name) {
    (void)self;
    return parent->xDlOpen(parent, name);
}

static void wbDlError(sqlite3_vfs *self, int size, char *message) {
    (void)self;
    parent->xDlError(parent, size, message);
}

static void (*wbDlSym(sqlite3_vfs *self, void *handle, const char *symbol))(void) {
    (void)self;
    return parent->xDlSym(parent, handle, symbol);
}

static void wbDlClose(sqlite3_vfs *self, void *handle) {
    (void)self;
    parent->xDlClose(parent, handle);
}

static int wbRandomness(sqlite3_vfs *self, int size, char *out) {
    (void)self;
    return parent->xRandomness(parent, size, out);
}

static int wbSleep(sqlite3_vfs *self, int microseconds) {
    (void)self;
    return parent->xSleep(parent, microseconds);
}

static int wbCurrentTime(sqlite3_vfs *self, double *now) {
    (void)self;
    return parent->xCurrentTime(parent, now);
}

static int wbGetLastError(sqlite3_vfs *self, int size, char *out) {
    (void)self;
    return parent->xGetLastError(parent, size, out);
}

static int wbCurrentTimeInt64(sqlite3_vfs *self, sqlite3_int64 *now) {
    (void)self;
    return parent->xCurrentTimeInt64(parent, now);
}

static int registered = SQLITE_ERROR;

static void registerOnce(void) {
    parent = sqlite_nio_sqlite3_vfs_find(NULL);
    if (!parent || parent->iVersion < 2) return;
    vfs.iVersion = 2;
    vfs.szOsFile = (int)sizeof(WBFile) + parent->szOsFile;
    vfs.mxPathname = parent->mxPathname;
    vfs.zName = WB_VFS_NAME;
    vfs.xOpen = wbOpen;
    vfs.xDelete = wbDelete;
    vfs.xAccess = wbAccess;
    vfs.xFullPathname = wbFullPathname;
    vfs.xDlOpen = wbDlOpen;
    vfs.xDlError = wbDlError;
    vfs.xDlSym = wbDlSym;
    vfs.xDlClose = wbDlClose;
    vfs.xRandomness = wbRandomness;
    vfs.xSleep = wbSleep;
    vfs.xCurrentTime = wbCurrentTime;
    vfs.xGetLastError = wbGetLastError;
    vfs.xCurrentTimeInt64 = wbCurrentTimeInt64;
    registered = sqlite_nio_sqlite3_vfs_register(&vfs, 0);
}

int collector_wal_buffer_register(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, registerOnce);
    return registered;
}

int collector_wal_buffer_counts(sqlite3 *db, CollectorWALWrites *counts) {
    return sqlite_nio_sqlite3_file_control(db, "main", WB_FCNTL_COUNTS, counts);
}

int collector_wal_buffer_wal_identity(sqlite3 *db, CollectorFileIdentity *identity) {
    return sqlite_nio_sqlite3_file_control(db, "main", WB_FCNTL_WAL_IDENTITY, identity);
}
