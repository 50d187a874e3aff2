import Foundation

/// Token buckets keyed by client address; full buckets are forgotten so the table stays small.
final class TokenBuckets: @unchecked Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let rate: Double
    private let burst: Double
    private let maxEntries: Int
    private let lock = NSLock()
    // Guarded by `lock`.
    private var buckets: [String: Bucket] = [:]

    init(limit: RateLimit, maxEntries: Int = 100_000) {
        rate = limit.perSecond
        burst = Double(limit.burst)
        self.maxEntries = maxEntries
    }

    /// nil when a request may pass now, else the seconds until it may.
    func take(key: String, now: Date) -> TimeInterval? {
        lock.lock()
        defer { lock.unlock() }
        if buckets.count >= maxEntries { prune(now: now) }
        var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
        bucket.tokens = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * rate)
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            return (1 - bucket.tokens) / rate
        }
        bucket.tokens -= 1
        buckets[key] = bucket
        return nil
    }

    private func prune(now: Date) {
        buckets = buckets.filter { min(burst, $0.value.tokens + now.timeIntervalSince($0.value.updated) * rate) < burst }
        // Under a flood of distinct addresses nothing is full; start afresh rather than grow without bound.
        if buckets.count >= maxEntries { buckets.removeAll(keepingCapacity: true) }
    }
}
