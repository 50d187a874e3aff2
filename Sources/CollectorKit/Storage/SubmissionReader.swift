import Foundation

/// A read-only connection for receipts and counts; WAL lets it read while the writer commits.
final class SubmissionReader: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private let connection: SQLiteConnection
    private let receipt: SQLiteStatement
    private let counts: SQLiteStatement

    init(path: String) throws {
        connection = try SQLiteConnection(path: path, readOnly: true)
        receipt = try connection.prepare("SELECT received_at FROM submissions WHERE receipt = ?")
        counts = try connection.prepare("SELECT form_id, COUNT(*) FROM submissions GROUP BY form_id")
    }

    func storedAt(receipt value: String) throws -> String? {
        lock.lock()
        defer { lock.unlock() }
        try receipt.bind([value])
        defer { receipt.reset() }
        return try receipt.step() ? receipt.text(0) : nil
    }

    func countsByForm() throws -> [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        counts.reset()
        defer { counts.reset() }
        var result: [String: Int] = [:]
        while try counts.step() {
            if let form = counts.text(0) { result[form] = counts.int(1) }
        }
        return result
    }
}
