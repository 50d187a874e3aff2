import Foundation
import Model

/// A read-only connection for receipts and counts; WAL lets it read while the writer commits. It sees only rows
/// already on disk (`DurableRows`).
final class SubmissionReader: @unchecked Sendable {
    private let lock = NSLock()
    private let durable: DurableRows
    // Guarded by `lock`.
    private let connection: SQLiteConnection
    private let receipt: SQLiteStatement
    private let counts: SQLiteStatement

    init(path: String, durable: DurableRows) throws {
        self.durable = durable
        connection = try SQLiteConnection(path: path, readOnly: true)
        receipt = try connection.prepare("SELECT received_at, rowid, collector_id, public_key, ballot FROM submissions WHERE receipt = ? AND rowid <= ?")
        counts = try connection.prepare("SELECT form_id, COUNT(*) FROM submissions WHERE rowid <= ? GROUP BY form_id")
    }

    /// The durable row's `received_at` and log entry for a receipt, or nil when none holds it.
    func entry(receipt value: String) throws -> (storedAt: String, entry: LogEntry)? {
        lock.lock()
        defer { lock.unlock() }
        try receipt.bind([value])
        try receipt.bind(durable.upTo, at: 2)
        defer { receipt.reset() }
        guard try receipt.step(), let storedAt = receipt.text(0),
              let entry = LogRow.entry(rowID: Int64(receipt.int(1)), receipt: value, publicKey: receipt.text(3) ?? "", ballot: receipt.text(4) ?? "",
                                       receivedAt: storedAt, collectorID: receipt.text(2) ?? "") else { return nil }
        return (storedAt, entry)
    }

    func countsByForm() throws -> [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        counts.reset()
        try counts.bind(durable.upTo, at: 1)
        defer { counts.reset() }
        var result: [String: Int] = [:]
        while try counts.step() {
            if let form = counts.text(0) { result[form] = counts.int(1) }
        }
        return result
    }
}
