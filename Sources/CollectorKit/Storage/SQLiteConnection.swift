import CSQLiteGuard
import CWALBuffer
import Foundation
import VaporCSQLite

/// SQLite's "copy this buffer now" destructor, which does not import into Swift.
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// An error from SQLite, with its result code and message.
public struct SQLiteError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public var description: String { "SQLite error \(code): \(message)" }
}

/// One SQLite connection, used by one thread at a time.
final class SQLiteConnection {
    let handle: OpaquePointer

    /// The most bytes one value of an untrusted file may hold: far above any row a collector writes (its bodies are
    /// capped at 64 KiB by default), far below what would exhaust memory.
    static let untrustedValueLimit: Int32 = 1 << 20

    /// `gatherWALWrites`: open through `collector-wal-buffer`, so each commit writes its WAL frames with one call
    /// (for the one connection that writes a busy file). `untrusted`: the file may be hostile (the tellers' commands
    /// open field laptops' files), so SQLite runs nothing its schema names and caps what a value may cost.
    init(path: String, readOnly: Bool = false, gatherWALWrites: Bool = false, untrusted: Bool = false) throws {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        var vfs: String?
        if gatherWALWrites {
            let registered = collector_wal_buffer_register()
            guard registered == SQLITE_OK else { throw SQLiteError(code: registered, message: "cannot register the WAL-gathering VFS") }
            vfs = "collector-wal-buffer"
        }
        let status = sqlite_nio_sqlite3_open_v2(path, &db, flags, vfs)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            sqlite_nio_sqlite3_close(db)
            throw SQLiteError(code: status, message: message)
        }
        handle = db
        sqlite_nio_sqlite3_busy_timeout(db, 5000)
        if untrusted {
            let status = collector_sqlite_distrust(db, Self.untrustedValueLimit)
            guard status == SQLITE_OK else { throw SQLiteError(code: status, message: "cannot set SQLite's defensive settings") }
            try execute("PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0")
        }
    }

    deinit { sqlite_nio_sqlite3_close_v2(handle) }

    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, &error)
        if status != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "unknown"
            sqlite_nio_sqlite3_free(error)
            throw SQLiteError(code: status, message: message)
        }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status) }
        return SQLiteStatement(handle: statement, connection: self)
    }

    /// The first column of the first row of `sql`, as text, or nil when there is no row.
    func scalar(_ sql: String) throws -> String? {
        let statement = try prepare(sql)
        guard try statement.step() else { return nil }
        return statement.text(0)
    }

    var changes: Int { Int(sqlite_nio_sqlite3_changes(handle)) }

    /// Syncs the main database file through SQLite's own handle on it: a descriptor opened and closed beside
    /// SQLite's would drop the process's locks on the file when closed. SQLite's result code; SQLITE_NOTFOUND
    /// when the database has no file.
    func syncDatabaseFile() -> Int32 {
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite_nio_sqlite3_file_control(handle, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK, let file,
              let sync = file.pointee.pMethods?.pointee.xSync
        else { return SQLITE_NOTFOUND }
        return sync(file, SQLITE_SYNC_NORMAL)
    }

    /// Copies what it can of the WAL into the database file without waiting for readers or the writer: SQLite's
    /// result code, with the frames the WAL holds and those now copied.
    func checkpoint(frames: inout Int32, copied: inout Int32) -> Int32 {
        sqlite_nio_sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied)
    }

    /// Leaves the WAL as it is when this connection, the last to the file, closes: SQLite's checkpoint on close
    /// reports to no one, so after a storage failure it could copy pages the disk may have lost and delete the WAL.
    func neverCheckpointOnClose() throws {
        let status = collector_sqlite_no_checkpoint_on_close(handle)
        guard status == SQLITE_OK else { throw SQLiteError(code: status, message: "cannot turn off the checkpoint on close") }
    }

    /// The main database file as SQLite resolved its name (through any symbolic link): the file it writes.
    var filename: String {
        sqlite_nio_sqlite3_db_filename(handle, "main").map { String(cString: $0) } ?? ""
    }

    /// The WAL SQLite writes for the main database: beside `filename`, not beside a symbolic link to it.
    var walFilename: String {
        sqlite_nio_sqlite3_db_filename(handle, "main").flatMap { sqlite_nio_sqlite3_filename_wal($0) }.map { String(cString: $0) } ?? ""
    }

    /// The device and inode of the WAL SQLite opened for the main database, when opened with `gatherWALWrites`.
    var walIdentity: CollectorFileIdentity? {
        var identity = CollectorFileIdentity()
        return collector_wal_buffer_wal_identity(handle, &identity) == SQLITE_OK ? identity : nil
    }

    /// Writes SQLite made to the WAL and writes that reached the file, when opened with `gatherWALWrites`.
    var walWrites: (sqlite: Int, file: Int)? {
        var counts = CollectorWALWrites()
        guard collector_wal_buffer_counts(handle, &counts) == SQLITE_OK else { return nil }
        return (Int(counts.sqliteWrites), Int(counts.fileWrites))
    }

    func error(_ status: Int32) -> SQLiteError {
        SQLiteError(code: status, message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }
}

/// A prepared statement, reset before each use.
final class SQLiteStatement {
    let handle: OpaquePointer
    private let connection: SQLiteConnection

    init(handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite_nio_sqlite3_finalize(handle) }

    func reset() {
        sqlite_nio_sqlite3_reset(handle)
        sqlite_nio_sqlite3_clear_bindings(handle)
    }

    /// Where an empty text points: SQLite binds NULL for a null pointer.
    private static let empty: UnsafePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    func bind(_ values: [String?]) throws {
        reset()
        for (index, value) in values.enumerated() {
            let status: Int32
            if var value {
                // The string's own bytes and length: no C string made for it, no length measured again.
                status = value.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { text in
                        sqlite_nio_sqlite3_bind_text(handle, Int32(index + 1), text.baseAddress ?? Self.empty, Int32(text.count), SQLITE_TRANSIENT)
                    }
                }
            } else {
                status = sqlite_nio_sqlite3_bind_null(handle, Int32(index + 1))
            }
            guard status == SQLITE_OK else { throw connection.error(status) }
        }
    }

    /// Binds `values` to the parameters in order, steps once and resets: the writer's insert of each row.
    ///
    /// SQLite reads the texts where they are (`SQLITE_STATIC`, a nil destructor) instead of copying each into memory of its own:
    /// each text is bound inside the scope that lends its bytes, and the statement is stepped and reset before
    /// any scope ends, so SQLite never holds a pointer past it.
    func run(binding values: [String?]) throws -> Bool {
        reset()
        defer { reset() }
        return try bindLent(values, from: 0)
    }

    private func bindLent(_ values: [String?], from index: Int) throws -> Bool {
        guard index < values.count else { return try step() }
        let parameter = Int32(index + 1)
        guard var value = values[index] else {
            let status = sqlite_nio_sqlite3_bind_null(handle, parameter)
            guard status == SQLITE_OK else { throw connection.error(status) }
            return try bindLent(values, from: index + 1)
        }
        return try value.withUTF8 { bytes in
            let status = bytes.withMemoryRebound(to: CChar.self) { text in
                sqlite_nio_sqlite3_bind_text(handle, parameter, text.baseAddress ?? Self.empty, Int32(text.count), nil)
            }
            guard status == SQLITE_OK else { throw connection.error(status) }
            return try bindLent(values, from: index + 1)
        }
    }

    /// Binds an integer to parameter `index` (from 1) of a statement already reset (`bind(_:)` resets it first).
    func bind(_ value: Int64, at index: Int32) throws {
        let status = sqlite_nio_sqlite3_bind_int64(handle, index, value)
        guard status == SQLITE_OK else { throw connection.error(status) }
    }

    /// Binds bytes as a blob to parameter `index` (from 1) of a statement already reset; SQLite copies them.
    func bind(_ bytes: [UInt8], at index: Int32) throws {
        let status = bytes.withUnsafeBytes { sqlite_nio_sqlite3_bind_blob(handle, index, $0.baseAddress ?? UnsafeRawPointer(Self.empty), Int32($0.count), SQLITE_TRANSIENT) }
        guard status == SQLITE_OK else { throw connection.error(status) }
    }

    var lastInsertRowID: Int64 { sqlite_nio_sqlite3_last_insert_rowid(connection.handle) }

    /// Advances to the next row; false when the statement is done.
    func step() throws -> Bool {
        let status = sqlite_nio_sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(status)
        }
    }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite_nio_sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    /// The column's bytes, as a blob (empty for NULL).
    func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite_nio_sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite_nio_sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    func int(_ column: Int32) -> Int { Int(sqlite_nio_sqlite3_column_int64(handle, column)) }
}
