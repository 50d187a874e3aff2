import Foundation

/// Unverified submission counts per form, recomputed at most once per interval whatever the request rate,
/// so a petition counter on a busy page costs the database one query every few seconds.
final class RunningCounts: @unchecked Sendable {
    private let store: SubmissionStore
    private let interval: TimeInterval
    private let lock = NSLock()
    // Guarded by `lock`.
    private var counts: [String: Int] = [:]
    private var takenAt: Date?

    init(store: SubmissionStore, interval: TimeInterval) {
        self.store = store
        self.interval = interval
    }

    /// The counts and when they were taken; recomputed first if older than the interval.
    func snapshot(now: Date) throws -> (counts: [String: Int], takenAt: Date) {
        lock.lock()
        defer { lock.unlock() }
        if let takenAt, now.timeIntervalSince(takenAt) < interval { return (counts, takenAt) }
        counts = try store.countsByForm()
        takenAt = now
        return (counts, now)
    }
}
